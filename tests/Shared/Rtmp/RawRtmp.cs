using System.Net.Sockets;
using LiveRoom.Media.Rtmp;

namespace LiveRoom.Shared;

/// <summary>RTMP by hand over a raw socket, for clients that misbehave on purpose.</summary>
public static class RawRtmp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A connection to the ingest on a loopback <paramref name="port"/> that has completed the handshake.</summary>
    public static async Task<TcpClient> ConnectHandshakenAsync(int port)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port).WaitAsync(Timeout);
            await HandshakeAsync(client.GetStream());
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The client side of the plain handshake: C0+C1, read S0+S1+S2, send C2 (S1 echoed).</summary>
    public static async Task HandshakeAsync(NetworkStream stream)
    {
        var c0c1 = new byte[1537];
        c0c1[0] = 3;
        await stream.WriteAsync(c0c1).AsTask().WaitAsync(Timeout);
        var reply = new byte[1 + (2 * 1536)];
        await stream.ReadExactlyAsync(reply).AsTask().WaitAsync(Timeout);
        await stream.WriteAsync(reply.AsMemory(1, 1536)).AsTask().WaitAsync(Timeout);
    }

    /// <summary>connect, createStream and publish with <paramref name="streamKey"/>, as ffmpeg sends them (the answers are not read).</summary>
    public static async Task RequestPublishAsync(NetworkStream stream, string streamKey)
    {
        var writer = new RtmpChunkWriter(stream);
        using var cts = new CancellationTokenSource(Timeout);
        await writer.WriteCommandAsync(3, 0, "connect", 1, cts.Token, new Dictionary<string, object?> { ["app"] = "live" });
        await writer.WriteCommandAsync(3, 0, "createStream", 2, cts.Token, (object?)null);
        await writer.WriteCommandAsync(8, 1, "publish", 3, cts.Token, null, streamKey, "live");
    }

    /// <summary>Set Chunk Size to the largest value (the server clamps it), so a message goes in one chunk.</summary>
    public static byte[] HugeChunkSize() => ChunkSize(0x7FFFFFFF);

    public static byte[] ChunkSize(int size) => [0x02, 0, 0, 0, 0, 0, 4, 1, 0, 0, 0, 0, (byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size];

    /// <summary>A type 0 chunk header starting an AMF0 command message of <paramref name="length"/> bytes on <paramref name="chunkStream"/>.</summary>
    public static byte[] CommandHeader(int chunkStream, int length) =>
        [(byte)chunkStream, 0, 0, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length, 20, 0, 0, 0, 0];

    /// <summary>True when the server has closed the connection (it reads the end, or a reset).</summary>
    public static async Task<bool> ClosedByServerAsync(NetworkStream stream, TimeSpan within)
    {
        var buffer = new byte[8192];
        using var deadline = new CancellationTokenSource(within);
        try
        {
            while (await stream.ReadAsync(buffer, deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return false;
        }
    }
}
