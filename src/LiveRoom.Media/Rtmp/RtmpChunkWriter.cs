using System.Buffers.Binary;

namespace LiveRoom.Media.Rtmp;

/// <summary>Writes the server's messages to the peer, each with a full (type 0) header, split at our chunk size.</summary>
public sealed class RtmpChunkWriter(Stream stream)
{
    public const int ControlChunkStream = 2;
    public const int CommandChunkStream = 3;
    public const int StreamChunkStream = 5;

    private int _chunkSize = 128;

    /// <summary>Tells the peer our chunk size and uses it from then on.</summary>
    public async ValueTask SetChunkSizeAsync(int size, CancellationToken cancellationToken)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, (uint)size);
        await WriteAsync(ControlChunkStream, RtmpMessage.SetChunkSize, 0, payload, cancellationToken);
        _chunkSize = size;
    }

    public ValueTask WriteControlAsync(byte typeId, uint value, CancellationToken cancellationToken, byte? extra = null)
    {
        var payload = new byte[extra is null ? 4 : 5];
        BinaryPrimitives.WriteUInt32BigEndian(payload, value);
        if (extra is { } e) payload[4] = e;
        return WriteAsync(ControlChunkStream, typeId, 0, payload, cancellationToken);
    }

    /// <summary>A user control event (e.g. Stream Begin, type 0) for <paramref name="streamId"/>.</summary>
    public ValueTask WriteUserControlAsync(ushort eventType, uint streamId, CancellationToken cancellationToken)
    {
        var payload = new byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(payload, eventType);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(2), streamId);
        return WriteAsync(ControlChunkStream, RtmpMessage.UserControl, 0, payload, cancellationToken);
    }

    /// <summary>An AMF0 command: its name, transaction id and arguments.</summary>
    public ValueTask WriteCommandAsync(int chunkStreamId, uint streamId, string name, double transactionId, CancellationToken cancellationToken, params object?[] arguments)
    {
        var body = new List<byte>(256);
        Amf0.Write(body, name);
        Amf0.Write(body, transactionId);
        foreach (var argument in arguments) Amf0.Write(body, argument);
        return WriteAsync(chunkStreamId, RtmpMessage.CommandAmf0, streamId, [.. body], cancellationToken);
    }

    public async ValueTask WriteAsync(int chunkStreamId, byte typeId, uint streamId, byte[] payload, CancellationToken cancellationToken)
    {
        var output = new List<byte>(payload.Length + 16 + (payload.Length / _chunkSize));
        output.Add((byte)chunkStreamId);
        output.Add(0);
        output.Add(0);
        output.Add(0);
        output.Add((byte)(payload.Length >> 16));
        output.Add((byte)(payload.Length >> 8));
        output.Add((byte)payload.Length);
        output.Add(typeId);
        output.Add((byte)streamId);
        output.Add((byte)(streamId >> 8));
        output.Add((byte)(streamId >> 16));
        output.Add((byte)(streamId >> 24));
        for (var offset = 0; offset < payload.Length; offset += _chunkSize)
        {
            if (offset > 0) output.Add((byte)(0xC0 | chunkStreamId));
            output.AddRange(payload.AsSpan(offset, Math.Min(_chunkSize, payload.Length - offset)));
        }

        await stream.WriteAsync(output.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
