namespace LiveRoom.Storage.Tests.Media;

/// <summary>
/// A non-seekable upload source of <see cref="Bytes"/>, like a request body: it can stop with an error,
/// cancel a token, or pause (until <see cref="Release"/>) once a given number of bytes has been read.
/// </summary>
public sealed class SourceStream(byte[] bytes) : Stream
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _position;

    public byte[] Bytes { get; } = bytes;

    /// <summary>Reading past this many bytes throws an <see cref="IOException"/>.</summary>
    public int? FailAfter { get; init; }

    /// <summary>Reading past this many bytes cancels <see cref="CancelOnRead"/>.</summary>
    public int? CancelAfter { get; init; }

    public CancellationTokenSource? CancelOnRead { get; init; }

    /// <summary>Reading past this many bytes waits for <see cref="Release"/>.</summary>
    public int? PauseAfter { get; init; }

    /// <summary>Completes when the reader has reached <see cref="PauseAfter"/> and is waiting.</summary>
    public Task Paused => _paused.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static byte[] MakeBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Release() => _released.TrySetResult();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("Stores read uploads asynchronously.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_position >= Bytes.Length || buffer.IsEmpty) return 0;
        if (FailAfter is { } fail && _position >= fail) throw new IOException($"The source broke after {_position} bytes.");
        if (CancelAfter is { } cancel && _position >= cancel) await CancelOnRead!.CancelAsync();
        if (PauseAfter is { } pause && _position >= pause && !_released.Task.IsCompleted)
        {
            _paused.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        // Stop at each mark so it applies exactly there.
        var end = Bytes.Length;
        foreach (var mark in new[] { FailAfter, CancelAfter, PauseAfter })
        {
            if (mark is { } m && m > _position) end = Math.Min(end, m);
        }

        var count = Math.Min(buffer.Length, end - _position);
        Bytes.AsMemory(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
