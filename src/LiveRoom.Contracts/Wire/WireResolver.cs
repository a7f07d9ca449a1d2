using System.Globalization;
using MessagePack;
using MessagePack.Formatters;

namespace LiveRoom.Contracts.Wire;

/// <summary>MessagePack formatters for the types whose default encoding would differ from JSON's.</summary>
public sealed class WireResolver : IFormatterResolver
{
    public static WireResolver Instance { get; } = new();

    private WireResolver()
    {
    }

    public IMessagePackFormatter<T>? GetFormatter<T>() => Cache<T>.Formatter;

    private static class Cache<T>
    {
        public static readonly IMessagePackFormatter<T>? Formatter = (IMessagePackFormatter<T>?)Create(typeof(T));
    }

    private static object? Create(Type type)
    {
        if (type == typeof(LiveRoom.Contracts.Calls.SignalMessage)) return new StrictSignalMessageFormatter();
        if (type == typeof(DateTimeOffset)) return new IsoDateTimeOffsetFormatter();
        if (type == typeof(DateTimeOffset?)) return new StaticNullableFormatter<DateTimeOffset>(new IsoDateTimeOffsetFormatter());
        if (type.IsEnum) return Activator.CreateInstance(typeof(CamelCaseEnumFormatter<>).MakeGenericType(type));
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is { IsEnum: true })
        {
            var inner = Activator.CreateInstance(typeof(CamelCaseEnumFormatter<>).MakeGenericType(underlying));
            return Activator.CreateInstance(typeof(StaticNullableFormatter<>).MakeGenericType(underlying), inner);
        }

        return null;
    }

    private sealed class IsoDateTimeOffsetFormatter : IMessagePackFormatter<DateTimeOffset>
    {
        public void Serialize(ref MessagePackWriter writer, DateTimeOffset value, MessagePackSerializerOptions options) =>
            writer.Write(value.ToString("O", CultureInfo.InvariantCulture));

        public DateTimeOffset Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            DateTimeOffset.Parse(reader.ReadString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    private sealed class CamelCaseEnumFormatter<T> : IMessagePackFormatter<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Names = Enum.GetValues<T>()
            .Distinct()
            .ToDictionary(v => v, v => ToCamel(v.ToString()));

        private static readonly Dictionary<string, T> Values = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options) =>
            writer.Write(Names.TryGetValue(value, out var name) ? name : ToCamel(value.ToString()));

        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            var text = reader.ReadString() ?? throw new MessagePackSerializationException($"A {typeof(T).Name} cannot be nil.");
            return Values.TryGetValue(text, out var value)
                ? value
                : throw new MessagePackSerializationException($"'{text}' is not a {typeof(T).Name}.");
        }

        private static string ToCamel(string name) =>
            name.Length == 0 ? name : string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
    }
}
