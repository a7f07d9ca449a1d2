using LiveRoom.Contracts.Calls;
using MessagePack;
using MessagePack.Formatters;

namespace LiveRoom.Contracts.Wire;

/// <summary>
/// Reads a <see cref="SignalMessage"/> from MessagePack as strictly as JSON does: a map with <c>type</c>,
/// <c>payload</c> and optionally <c>to</c>; any other key, or a key given twice, fails the call (MessagePack's
/// default would ignore the one and let the last of the other win).
/// </summary>
internal sealed class StrictSignalMessageFormatter : IMessagePackFormatter<SignalMessage>
{
    public void Serialize(ref MessagePackWriter writer, SignalMessage value, MessagePackSerializerOptions options)
    {
        writer.WriteMapHeader(value.To is null ? 2 : 3);
        writer.Write("type");
        writer.Write(value.Type);
        writer.Write("payload");
        writer.Write(value.Payload);
        if (value.To is null) return;
        writer.Write("to");
        writer.Write(value.To);
    }

    public SignalMessage Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        var count = reader.ReadMapHeader();
        string? type = null, payload = null, to = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString() ?? throw new MessagePackSerializationException("A signal's keys are strings.");
            if (!seen.Add(key)) throw new MessagePackSerializationException($"The key '{key}' is given twice.");
            switch (key)
            {
                case "type": type = reader.ReadString(); break;
                case "payload": payload = reader.ReadString(); break;
                case "to": to = reader.TryReadNil() ? null : reader.ReadString(); break;
                default: throw new MessagePackSerializationException($"A signal has no field '{key}'.");
            }
        }

        return new SignalMessage(
            type ?? throw new MessagePackSerializationException("A signal needs a type."),
            payload ?? throw new MessagePackSerializationException("A signal needs a payload."),
            to);
    }
}
