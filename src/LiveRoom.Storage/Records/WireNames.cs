using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Storage.Records;

/// <summary>How enums are written in the database: the same lowercase names as on the wire.</summary>
internal static class WireNames
{
    public static string ToName<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
    }

    public static T Parse<T>(string name)
        where T : struct, Enum =>
        Enum.Parse<T>(name, ignoreCase: true);

    public static ParticipantRole Role(string name) => Parse<ParticipantRole>(name);
}
