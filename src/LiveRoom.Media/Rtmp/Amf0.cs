using System.Buffers.Binary;
using System.Text;

namespace LiveRoom.Media.Rtmp;

/// <summary>
/// AMF0 as publishers send it in RTMP commands and metadata: numbers, booleans, strings, objects, ECMA
/// arrays, strict arrays, null and undefined. Objects read as <c>Dictionary&lt;string, object?&gt;</c>,
/// arrays as <c>List&lt;object?&gt;</c>. Reading is bounded by <see cref="Amf0Limits"/>.
/// </summary>
public static class Amf0
{
    private const byte Number = 0x00;
    private const byte Boolean = 0x01;
    private const byte String = 0x02;
    private const byte Object = 0x03;
    private const byte Null = 0x05;
    private const byte Undefined = 0x06;
    private const byte EcmaArray = 0x08;
    private const byte ObjectEnd = 0x09;
    private const byte StrictArray = 0x0A;
    private const byte Date = 0x0B;
    private const byte LongString = 0x0C;

    /// <summary>Reads every value in <paramref name="data"/>.</summary>
    public static List<object?> ReadAll(ReadOnlySpan<byte> data, Amf0Limits? limits = null)
    {
        limits ??= Amf0Limits.Default;
        var values = new List<object?>();
        var offset = 0;
        while (offset < data.Length)
        {
            if (values.Count >= limits.MaxEntries) throw new RtmpProtocolException("AMF0: too many values.");
            values.Add(ReadValue(data, ref offset, limits, depth: 0));
        }

        return values;
    }

    public static void Write(List<byte> output, object? value)
    {
        switch (value)
        {
            case null:
                output.Add(Null);
                break;
            case double d:
                WriteNumber(output, d);
                break;
            case int i:
                WriteNumber(output, i);
                break;
            case long l:
                WriteNumber(output, l);
                break;
            case bool b:
                output.Add(Boolean);
                output.Add(b ? (byte)1 : (byte)0);
                break;
            case string s:
                output.Add(String);
                WriteUtf8(output, s);
                break;
            case IEnumerable<KeyValuePair<string, object?>> properties:
                output.Add(Object);
                foreach (var (key, item) in properties)
                {
                    WriteUtf8(output, key);
                    Write(output, item);
                }

                output.Add(0);
                output.Add(0);
                output.Add(ObjectEnd);
                break;
            default:
                throw new ArgumentException($"AMF0 cannot write a {value.GetType().Name}.", nameof(value));
        }
    }

    private static object? ReadValue(ReadOnlySpan<byte> data, ref int offset, Amf0Limits limits, int depth)
    {
        if (depth > limits.MaxDepth) throw new RtmpProtocolException("AMF0: values nested too deeply.");
        var marker = Take(data, ref offset, 1)[0];
        switch (marker)
        {
            case Number:
                return BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref offset, 8));
            case Boolean:
                return Take(data, ref offset, 1)[0] != 0;
            case String:
                return ReadUtf8(data, ref offset, BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref offset, 2)), limits);
            case LongString:
                return ReadUtf8(data, ref offset, checked((int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref offset, 4)))), limits);
            case Null:
            case Undefined:
                return null;
            case Object:
                return ReadProperties(data, ref offset, limits, depth);
            case EcmaArray:
                Take(data, ref offset, 4); // approximate count; the end marker is what counts
                return ReadProperties(data, ref offset, limits, depth);
            case StrictArray:
            {
                var count = BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref offset, 4));
                if (count > limits.MaxEntries) throw new RtmpProtocolException("AMF0: array too long.");
                var items = new List<object?>((int)count);
                for (var i = 0; i < count; i++) items.Add(ReadValue(data, ref offset, limits, depth + 1));
                return items;
            }

            case Date:
            {
                var millis = BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref offset, 8));
                Take(data, ref offset, 2); // time zone, unused
                return millis;
            }

            default:
                throw new RtmpProtocolException($"AMF0: unsupported type marker 0x{marker:x2}.");
        }
    }

    private static Dictionary<string, object?> ReadProperties(ReadOnlySpan<byte> data, ref int offset, Amf0Limits limits, int depth)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            var keyLength = BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref offset, 2));
            if (keyLength == 0)
            {
                var end = Take(data, ref offset, 1)[0];
                if (end != ObjectEnd) throw new RtmpProtocolException("AMF0: object without an end marker.");
                return properties;
            }

            if (properties.Count >= limits.MaxEntries) throw new RtmpProtocolException("AMF0: object has too many properties.");
            var key = ReadUtf8(data, ref offset, keyLength, limits);
            properties[key] = ReadValue(data, ref offset, limits, depth + 1);
        }
    }

    private static string ReadUtf8(ReadOnlySpan<byte> data, ref int offset, int length, Amf0Limits limits)
    {
        if (length > limits.MaxStringBytes) throw new RtmpProtocolException("AMF0: string too long.");
        return Encoding.UTF8.GetString(Take(data, ref offset, length));
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int offset, int count)
    {
        if (count < 0 || offset + count > data.Length) throw new RtmpProtocolException("AMF0: value cut short.");
        var slice = data.Slice(offset, count);
        offset += count;
        return slice;
    }

    private static void WriteNumber(List<byte> output, double value)
    {
        output.Add(Number);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        output.AddRange(bytes);
    }

    private static void WriteUtf8(List<byte> output, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > ushort.MaxValue) throw new ArgumentException("AMF0 short strings hold at most 65535 bytes.", nameof(value));
        output.Add((byte)(bytes.Length >> 8));
        output.Add((byte)bytes.Length);
        output.AddRange(bytes);
    }
}
