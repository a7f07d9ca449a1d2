using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveRoom.Media.Rtmp;

/// <summary>
/// The server side of the plain RTMP handshake (version 3): read C0+C1, send S0+S1+S2 (S2 echoes C1),
/// read C2. Publishers such as OBS and ffmpeg do not require the digest variant when they publish.
/// </summary>
public static class RtmpHandshake
{
    public const int PacketSize = 1536;
    private const byte Version = 3;

    /// <summary>Runs the handshake; <paramref name="greeted"/> is called once a valid C0+C1 has arrived.</summary>
    public static async Task RunAsync(Stream stream, CancellationToken cancellationToken, Action? greeted = null)
    {
        var c0c1 = new byte[1 + PacketSize];
        await ReadAsync(stream, c0c1, "C0+C1", cancellationToken);
        if (c0c1[0] != Version) throw new RtmpProtocolException($"RTMP version {c0c1[0]} is not supported (only 3).");
        greeted?.Invoke();

        var reply = new byte[1 + (2 * PacketSize)];
        reply[0] = Version;
        var s1 = reply.AsSpan(1, PacketSize);
        BinaryPrimitives.WriteUInt32BigEndian(s1, (uint)Environment.TickCount);
        RandomNumberGenerator.Fill(s1[8..]);
        c0c1.AsSpan(1).CopyTo(reply.AsSpan(1 + PacketSize));
        await stream.WriteAsync(reply, cancellationToken);
        await stream.FlushAsync(cancellationToken);

        var c2 = new byte[PacketSize];
        await ReadAsync(stream, c2, "C2", cancellationToken);
    }

    private static async Task ReadAsync(Stream stream, byte[] buffer, string what, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0) throw new RtmpProtocolException($"The connection closed during the handshake ({what}).");
            total += read;
        }
    }
}
