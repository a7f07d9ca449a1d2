using System.Buffers.Binary;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Media.Rtmp;

/// <summary>
/// One publisher's connection: handshake, connect, createStream, publish (admitted by the
/// <see cref="IIngestGate"/>), then media until the publisher stops, goes silent or breaks a rule. Every
/// refusal closes this connection only, with a log line saying why.
/// </summary>
internal sealed partial class RtmpConnection(
    Stream stream,
    string peer,
    IIngestGate gate,
    PendingConnections.Slot slot,
    RtmpServerOptions options,
    RtmpLimits limits,
    RtmpBufferBudget budget,
    RtmpRefusalLog refusals,
    ILogger logger)
{
    private const uint PublishStreamId = 1;
    private const uint ServerWindow = 2_500_000;

    private readonly RtmpChunkReader _reader = new(stream, limits, budget);
    private readonly RtmpChunkWriter _writer = new(stream);
    private IPublishSession? _session;
    private uint _peerWindow;
    private long _lastAcknowledged;
    private CancellationTokenSource? _idle;
    private CancellationTokenRegistration _stoppingRegistration;

    /// <summary>Becomes true once a publish is admitted.</summary>
    public bool IsPublishing => _session is not null;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var graceful = false;
        var reason = "connection closed";
        try
        {
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                handshake.CancelAfter(TimeSpan.FromSeconds(options.HandshakeTimeoutSeconds));
                try
                {
                    await RtmpHandshake.RunAsync(stream, handshake.Token, slot.Greeted).WaitAsync(handshake.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException("the handshake stalled");
                }
            }

            slot.Handshaken();

            var publishDeadline = DateTime.UtcNow.AddSeconds(options.PublishTimeoutSeconds);
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _idle = idle;
            while (true)
            {
                var wait = _session is null ? publishDeadline - DateTime.UtcNow : TimeSpan.FromSeconds(options.IdleTimeoutSeconds);
                if (wait <= TimeSpan.Zero) throw new TimeoutException("no accepted publish in time");
                idle.CancelAfter(wait);
                RtmpMessage? message;
                try
                {
                    message = await _reader.ReadMessageAsync(idle.Token);
                }
                catch (OperationCanceledException) when (_session?.Stopping.IsCancellationRequested == true)
                {
                    graceful = true;
                    reason = _session.StopReason;
                    Log.StoppedByServer(logger, peer, _session.RoomId, reason);
                    break;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException(_session is null ? "no accepted publish in time" : "the publisher went silent");
                }

                if (message is null) break;
                await AcknowledgeAsync(cancellationToken);
                if (await HandleAsync(message, cancellationToken))
                {
                    graceful = true;
                    reason = "the publisher stopped";
                    break;
                }
            }
        }
        catch (RtmpProtocolException ex)
        {
            reason = ex.Message;
            if (_session is null) refusals.Report(peer, slot.Address, ex.Message);
            else Log.Refused(logger, peer, ex.Message);
        }
        catch (TimeoutException ex)
        {
            reason = ex.Message;
            if (_session is null) refusals.Report(peer, slot.Address, $"timed out: {ex.Message}");
            else Log.TimedOut(logger, peer, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reason = "the server is stopping";
        }
        catch (IOException ex)
        {
            reason = "the connection broke";
            if (_session is null) refusals.Report(peer, slot.Address, $"the connection broke: {ex.Message}");
            else Log.Broken(logger, peer, ex.Message);
        }
        finally
        {
            _reader.Dispose();
            await _stoppingRegistration.DisposeAsync();
            if (_session is { } session)
            {
                await session.EndAsync(graceful, reason);
                Log.PublishEnded(logger, peer, session.RoomId, reason);
            }
        }
    }

    /// <summary>Handles one message; true when the publisher ended its stream.</summary>
    private async ValueTask<bool> HandleAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        switch (message.TypeId)
        {
            case RtmpMessage.SetChunkSize:
                _reader.SetChunkSize(ReadUInt32(message));
                return false;
            case RtmpMessage.Abort:
                _reader.Abort((int)ReadUInt32(message));
                return false;
            case RtmpMessage.WindowAcknowledgementSize:
                _peerWindow = ReadUInt32(message);
                return false;
            case RtmpMessage.Acknowledgement:
            case RtmpMessage.UserControl:
            case RtmpMessage.SetPeerBandwidth:
                return false;
            case RtmpMessage.Audio:
            case RtmpMessage.Video:
                await WriteMediaAsync(message.TypeId, message, message.Payload, cancellationToken);
                return false;
            case RtmpMessage.DataAmf0:
                await HandleDataAsync(message, cancellationToken);
                return false;
            case RtmpMessage.CommandAmf0:
                return await HandleCommandAsync(message.Payload, cancellationToken);
            case RtmpMessage.CommandAmf3:
                // An AMF3 command message is an AMF0 command behind one format byte.
                return message.Payload.Length > 0 && await HandleCommandAsync(message.Payload.AsMemory(1).ToArray(), cancellationToken);
            default:
                throw new RtmpProtocolException($"Message type {message.TypeId} is not accepted.");
        }
    }

    private async ValueTask<bool> HandleCommandAsync(byte[] payload, CancellationToken cancellationToken)
    {
        var values = Amf0.ReadAll(payload, limits.Amf0);
        if (values.Count < 2 || values[0] is not string name || values[1] is not double transaction)
        {
            throw new RtmpProtocolException("A command without a name and transaction id.");
        }

        switch (name)
        {
            case "connect":
                await _writer.WriteControlAsync(RtmpMessage.WindowAcknowledgementSize, ServerWindow, cancellationToken);
                await _writer.WriteControlAsync(RtmpMessage.SetPeerBandwidth, ServerWindow, cancellationToken, extra: 2);
                await _writer.SetChunkSizeAsync(options.ChunkSize, cancellationToken);
                await _writer.WriteCommandAsync(RtmpChunkWriter.CommandChunkStream, 0, "_result", transaction, cancellationToken,
                    new Dictionary<string, object?> { ["fmsVer"] = "FMS/3,0,1,123", ["capabilities"] = 31.0 },
                    new Dictionary<string, object?>
                    {
                        ["level"] = "status",
                        ["code"] = "NetConnection.Connect.Success",
                        ["description"] = "Connection succeeded.",
                        ["objectEncoding"] = 0.0,
                    });
                return false;
            case "releaseStream":
            case "FCPublish":
            case "getStreamLength":
                if (name == "FCPublish") await _writer.WriteCommandAsync(RtmpChunkWriter.CommandChunkStream, 0, "onFCPublish", 0, cancellationToken, (object?)null);
                await _writer.WriteCommandAsync(RtmpChunkWriter.CommandChunkStream, 0, "_result", transaction, cancellationToken, (object?)null);
                return false;
            case "createStream":
                await _writer.WriteCommandAsync(RtmpChunkWriter.CommandChunkStream, 0, "_result", transaction, cancellationToken, null, (double)PublishStreamId);
                return false;
            case "publish":
                await PublishAsync(values.Count > 3 ? values[3] as string : null, cancellationToken);
                return false;
            case "FCUnpublish":
            case "deleteStream":
            case "closeStream":
                return _session is not null;
            default:
                Log.IgnoredCommand(logger, peer, name.Length > 64 ? name[..64] : name);
                return false;
        }
    }

    private async ValueTask PublishAsync(string? streamName, CancellationToken cancellationToken)
    {
        if (_session is not null) throw new RtmpProtocolException("A second publish on one connection.");
        // OBS and ffmpeg may append query parameters to the stream name; the key is what comes before.
        var key = streamName?.Split('?', 2)[0] ?? string.Empty;
        if (!RoomIds.TryParseStreamKey(key, out var roomId))
        {
            await RefusePublishAsync("NetStream.Publish.BadName", "That is not a LiveRoom stream key.", cancellationToken);
            throw new RtmpProtocolException("a stream key of the wrong shape");
        }

        // From here the connection is no stranger to evict: its key is being checked.
        if (!slot.TryBeginPublish()) throw new RtmpProtocolException("evicted while waiting to publish");
        var admission = await gate.AdmitAsync(roomId, key, peer, cancellationToken);
        if (admission.Session is null)
        {
            await RefusePublishAsync("NetStream.Publish.BadName", admission.Refusal ?? "Publishing refused.", cancellationToken);
            throw new RtmpProtocolException($"publish to room {roomId} refused: {admission.Refusal}");
        }

        _session = admission.Session;
        _reader.AllowMedia();
        slot.Leave();
        _stoppingRegistration = _session.Stopping.Register(static state => CancelQuietly((CancellationTokenSource?)state), _idle);
        await _writer.WriteUserControlAsync(0, PublishStreamId, cancellationToken);
        await _writer.WriteCommandAsync(RtmpChunkWriter.StreamChunkStream, PublishStreamId, "onStatus", 0, cancellationToken, null,
            new Dictionary<string, object?>
            {
                ["level"] = "status",
                ["code"] = "NetStream.Publish.Start",
                ["description"] = "Publishing.",
            });
        Log.Publishing(logger, peer, roomId);
    }

    private async ValueTask RefusePublishAsync(string code, string description, CancellationToken cancellationToken)
    {
        try
        {
            await _writer.WriteCommandAsync(RtmpChunkWriter.StreamChunkStream, PublishStreamId, "onStatus", 0, cancellationToken, null,
                new Dictionary<string, object?> { ["level"] = "error", ["code"] = code, ["description"] = description });
        }
        catch (IOException)
        {
            // The peer is already gone; the refusal is logged by the caller.
        }
    }

    private async ValueTask HandleDataAsync(RtmpMessage message, CancellationToken cancellationToken)
    {
        var values = Amf0.ReadAll(message.Payload, limits.Amf0);
        if (values.Count == 0 || values[0] is not string name) return;
        if (name == "@setDataFrame")
        {
            // FLV keeps the metadata without the "@setDataFrame" wrapper: skip that first string.
            var skip = 3 + System.Text.Encoding.UTF8.GetByteCount(name);
            await WriteMediaAsync(FlvTag.Script, message, message.Payload.AsMemory(skip), cancellationToken);
        }
        else if (name == "onMetaData")
        {
            await WriteMediaAsync(FlvTag.Script, message, message.Payload, cancellationToken);
        }
    }

    private ValueTask WriteMediaAsync(byte type, RtmpMessage message, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_session is null) throw new RtmpProtocolException("Media before an accepted publish.");
        return _session.WriteAsync(new FlvTag(type, message.Timestamp, data), cancellationToken);
    }

    private async ValueTask AcknowledgeAsync(CancellationToken cancellationToken)
    {
        if (_peerWindow == 0 || _reader.BytesRead - _lastAcknowledged < _peerWindow) return;
        _lastAcknowledged = _reader.BytesRead;
        await _writer.WriteControlAsync(RtmpMessage.Acknowledgement, (uint)(_reader.BytesRead & 0xFFFFFFFF), cancellationToken);
    }

    private static void CancelQuietly(CancellationTokenSource? source)
    {
        try
        {
            source?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The connection is already closing.
        }
    }

    private static uint ReadUInt32(RtmpMessage message) =>
        message.Payload.Length >= 4
            ? BinaryPrimitives.ReadUInt32BigEndian(message.Payload)
            : throw new RtmpProtocolException($"Control message {message.TypeId} is too short.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "RTMP {Peer} refused: {Reason}")]
        public static partial void Refused(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "RTMP {Peer} timed out: {Reason}")]
        public static partial void TimedOut(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "RTMP {Peer} connection broke: {Reason}")]
        public static partial void Broken(ILogger logger, string peer, string reason);

        [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "RTMP {Peer} publishing to room {RoomId}")]
        public static partial void Publishing(ILogger logger, string peer, string roomId);

        [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "RTMP {Peer} stopped publishing to room {RoomId}: {Reason}")]
        public static partial void PublishEnded(ILogger logger, string peer, string roomId, string reason);

        [LoggerMessage(EventId = 7007, Level = LogLevel.Information, Message = "RTMP {Peer}: closing the publisher of room {RoomId}: {Reason}")]
        public static partial void StoppedByServer(ILogger logger, string peer, string roomId, string reason);

        [LoggerMessage(EventId = 7006, Level = LogLevel.Debug, Message = "RTMP {Peer} sent command {Command}; ignored")]
        public static partial void IgnoredCommand(ILogger logger, string peer, string command);
    }
}
