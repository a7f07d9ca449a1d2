using System.IO.Pipes;
using System.Net.Sockets;
using System.Threading.Channels;
using FFMpegCore.Pipes;

namespace LiveRoom.Media.Transcoding;

/// <summary>
/// What LiveRoom hands ffmpeg through FFMpegCore's pipe: a queue the ingest writes into without waiting,
/// drained into the pipe as fast as ffmpeg reads. The queue is bounded in bytes, so a stalled ffmpeg
/// never stalls the ingest (or the viewers it feeds): writes are refused instead and the owner restarts it.
/// </summary>
internal sealed class QueuedPipeSource(long capacityBytes, Action<int> connected) : IPipeSource
{
    private readonly Channel<ReadOnlyMemory<byte>> _queue = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true });
    private long _queuedBytes;

    /// <summary>Bytes waiting for ffmpeg.</summary>
    public long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    /// <summary>Queues <paramref name="bytes"/>; false when the queue is full or the input has ended.</summary>
    public bool TryWrite(ReadOnlyMemory<byte> bytes)
    {
        if (Interlocked.Add(ref _queuedBytes, bytes.Length) > capacityBytes)
        {
            Interlocked.Add(ref _queuedBytes, -bytes.Length);
            return false;
        }

        if (_queue.Writer.TryWrite(bytes)) return true;
        Interlocked.Add(ref _queuedBytes, -bytes.Length);
        return false;
    }

    /// <summary>Ends the input: ffmpeg reads what is queued, then the end of the stream, and finishes its outputs.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    /// <summary>The input format is part of the command's own input options.</summary>
    public string GetStreamArguments() => string.Empty;

    public async Task WriteAsync(Stream outputStream, CancellationToken cancellationToken)
    {
        connected(PeerProcessId(outputStream));
        try
        {
            await foreach (var bytes in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                await outputStream.WriteAsync(bytes, cancellationToken);
                Interlocked.Add(ref _queuedBytes, -bytes.Length);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // ffmpeg is gone (or being stopped); its exit is what the owner acts on.
            _queue.Writer.TryComplete();
        }
    }

    /// <summary>The process at the other end of the pipe (Linux: SO_PEERCRED on the Unix socket); 0 when unknown.</summary>
    private static int PeerProcessId(Stream stream)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe) return 0;
        try
        {
            using var socket = new Socket(new SafeSocketHandle(pipe.SafePipeHandle.DangerousGetHandle(), ownsHandle: false));
            Span<byte> credentials = stackalloc byte[12];
            const int SolSocket = 1, SoPeerCred = 17;
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) >= 4 ? BitConverter.ToInt32(credentials) : 0;
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException or ArgumentException or NotSupportedException or IOException)
        {
            return 0;
        }
    }
}
