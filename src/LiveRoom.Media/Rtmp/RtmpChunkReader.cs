using System.Buffers.Binary;

namespace LiveRoom.Media.Rtmp;

/// <summary>
/// Reads RTMP chunks from a stream and returns whole messages: basic headers of one to three bytes, message
/// headers of types 0–3, extended timestamps, and chunk-size changes. Everything a peer declares is
/// bounded by <see cref="RtmpLimits"/> before it is allocated: by the small before-publish limit until
/// <see cref="AllowMedia"/>, and always by the server-wide <see cref="RtmpBufferBudget"/>. Disposing the
/// reader gives back what its partly received messages reserved.
/// </summary>
public sealed class RtmpChunkReader(Stream stream, RtmpLimits limits, RtmpBufferBudget? budget = null) : IDisposable
{
    private readonly RtmpBufferBudget _budget = budget ?? RtmpBufferBudget.Unlimited;
    private readonly Dictionary<int, ChunkStreamState> _streams = [];
    private readonly byte[] _header = new byte[16];
    private int _chunkSize = 128;
    private long _buffered;
    private bool _mediaAllowed;

    /// <summary>Bytes read from the peer so far (for acknowledgements).</summary>
    public long BytesRead { get; private set; }

    public int ChunkSize => _chunkSize;

    /// <summary>Applies the peer's Set Chunk Size: below the minimum is refused, above the maximum is clamped.</summary>
    public void SetChunkSize(uint requested)
    {
        var size = requested & 0x7FFFFFFF;
        if (size < limits.MinChunkSize) throw new RtmpProtocolException($"Chunk size {size} is below the minimum of {limits.MinChunkSize}.");
        _chunkSize = (int)Math.Min(size, (uint)limits.MaxChunkSize);
    }

    /// <summary>The publish was accepted: from now on the media limits apply instead of the before-publish one.</summary>
    public void AllowMedia() => _mediaAllowed = true;

    /// <summary>Forgets a partly received message (the peer's Abort message).</summary>
    public void Abort(int chunkStreamId)
    {
        if (_streams.TryGetValue(chunkStreamId, out var state)) Drop(state);
    }

    /// <summary>The next whole message; null when the peer closed the connection between messages.</summary>
    public async ValueTask<RtmpMessage?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await TryReadAsync(_header.AsMemory(0, 1), cancellationToken)) return null;
            var fmt = _header[0] >> 6;
            var chunkStreamId = _header[0] & 0x3F;
            if (chunkStreamId == 0)
            {
                await ReadAsync(1, cancellationToken);
                chunkStreamId = 64 + _header[0];
            }
            else if (chunkStreamId == 1)
            {
                await ReadAsync(2, cancellationToken);
                chunkStreamId = 64 + _header[0] + (_header[1] << 8);
            }

            var state = StateOf(chunkStreamId, fmt);
            await ReadMessageHeaderAsync(state, fmt, cancellationToken);

            if (state.Payload is null)
            {
                var maxLength = _mediaAllowed ? limits.MaxMessageLength : limits.MaxBytesBeforePublish;
                if (state.Length > maxLength)
                {
                    throw new RtmpProtocolException(_mediaAllowed
                        ? $"A message of {state.Length} bytes is over the limit of {maxLength}."
                        : $"A message of {state.Length} bytes before an accepted publish is over the limit of {maxLength}.");
                }

                if (_buffered + state.Length > (_mediaAllowed ? limits.MaxBufferedBytes : limits.MaxBytesBeforePublish))
                {
                    throw new RtmpProtocolException("Too many bytes held in partly received messages.");
                }

                if (!_budget.TryReserve(state.Length))
                {
                    throw new RtmpProtocolException("The ingest's buffer budget for all connections is spent.");
                }

                state.Payload = new byte[state.Length];
                state.Received = 0;
                _buffered += state.Length;
            }

            var count = Math.Min(_chunkSize, state.Length - state.Received);
            if (count > 0)
            {
                await ReadExactlyAsync(state.Payload.AsMemory(state.Received, count), cancellationToken);
                state.Received += count;
            }

            if (state.Received < state.Length) continue;

            var message = new RtmpMessage(state.TypeId, state.Timestamp, state.StreamId, chunkStreamId, state.Payload);
            Drop(state);
            return message;
        }
    }

    private ChunkStreamState StateOf(int chunkStreamId, int fmt)
    {
        if (_streams.TryGetValue(chunkStreamId, out var state)) return state;
        if (fmt != 0) throw new RtmpProtocolException($"Chunk stream {chunkStreamId} starts without a full header.");
        if (_streams.Count >= limits.MaxChunkStreams) throw new RtmpProtocolException($"More than {limits.MaxChunkStreams} chunk streams.");
        state = new ChunkStreamState();
        _streams[chunkStreamId] = state;
        return state;
    }

    private async ValueTask ReadMessageHeaderAsync(ChunkStreamState state, int fmt, CancellationToken cancellationToken)
    {
        var startsMessage = state.Payload is null;
        if (!startsMessage && fmt != 3)
        {
            throw new RtmpProtocolException("A new message header arrived in the middle of a message.");
        }

        uint timestampField;
        switch (fmt)
        {
            case 0:
                await ReadAsync(11, cancellationToken);
                timestampField = ReadUInt24(0);
                state.Length = (int)ReadUInt24(3);
                state.TypeId = _header[6];
                state.StreamId = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(7, 4));
                break;
            case 1:
                await ReadAsync(7, cancellationToken);
                timestampField = ReadUInt24(0);
                state.Length = (int)ReadUInt24(3);
                state.TypeId = _header[6];
                break;
            case 2:
                await ReadAsync(3, cancellationToken);
                timestampField = ReadUInt24(0);
                break;
            default:
                // Type 3 repeats the previous header (an extended timestamp is sent again with it); a new
                // message advances by the previous delta.
                if (state.ExtendedTimestamp) await ReadAsync(4, cancellationToken);
                if (startsMessage) state.Timestamp += state.Delta;
                return;
        }

        state.ExtendedTimestamp = timestampField == 0xFFFFFF;
        var value = timestampField;
        if (state.ExtendedTimestamp)
        {
            await ReadAsync(4, cancellationToken);
            value = BinaryPrimitives.ReadUInt32BigEndian(_header);
        }

        if (fmt == 0)
        {
            // A type 3 chunk after a type 0 one takes that timestamp as its delta.
            state.Timestamp = value;
            state.Delta = value;
        }
        else
        {
            state.Delta = value;
            state.Timestamp += value;
        }
    }

    private uint ReadUInt24(int offset) => (uint)((_header[offset] << 16) | (_header[offset + 1] << 8) | _header[offset + 2]);

    public void Dispose()
    {
        foreach (var state in _streams.Values) Drop(state);
    }

    private void Drop(ChunkStreamState state)
    {
        if (state.Payload is not null)
        {
            _buffered -= state.Payload.Length;
            _budget.Release(state.Payload.Length);
        }

        state.Payload = null;
        state.Received = 0;
    }

    private ValueTask ReadAsync(int count, CancellationToken cancellationToken) => ReadExactlyAsync(_header.AsMemory(0, count), cancellationToken);

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await TryReadAsync(buffer, cancellationToken)) throw new RtmpProtocolException("The connection closed in the middle of a chunk.");
    }

    /// <summary>Fills <paramref name="buffer"/>; false if the stream ended before the first byte.</summary>
    private async ValueTask<bool> TryReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], cancellationToken);
            if (read == 0)
            {
                if (total == 0) return false;
                throw new RtmpProtocolException("The connection closed in the middle of a chunk.");
            }

            total += read;
            BytesRead += read;
        }

        return true;
    }

    private sealed class ChunkStreamState
    {
        public uint Timestamp { get; set; }

        public uint Delta { get; set; }

        public int Length { get; set; }

        public byte TypeId { get; set; }

        public uint StreamId { get; set; }

        public bool ExtendedTimestamp { get; set; }

        public byte[]? Payload { get; set; }

        public int Received { get; set; }
    }
}
