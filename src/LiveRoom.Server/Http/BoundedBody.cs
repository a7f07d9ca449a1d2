namespace LiveRoom.Server.Http;

/// <summary>Reading an upload whole, but never more than it may be.</summary>
internal static class BoundedBody
{
    /// <summary>Reads the whole body, or stops and answers null once it is longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAtMostAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A body sent in chunks passed the endpoint's cap inside one read: Kestrel counted first.
            return null;
        }

        return buffer.ToArray();
    }
}
