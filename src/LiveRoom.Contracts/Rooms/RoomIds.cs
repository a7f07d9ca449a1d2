using System.Security.Cryptography;

namespace LiveRoom.Contracts.Rooms;

/// <summary>Room ids and stream keys: their shape, how they are made, and how they are checked.</summary>
public static class RoomIds
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int RoomIdLength = 10;
    private const int SecretLength = 24;

    /// <summary>A new random room id: 10 characters of lowercase letters and digits, easy to read aloud.</summary>
    public static string NewRoomId() => RandomString(RoomIdLength);

    public static bool IsRoomId(string? value) =>
        value is { Length: RoomIdLength } && value.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>A new stream key for a room: <c>{roomId}_{24 random characters}</c>.</summary>
    public static string NewStreamKey(string roomId) => string.Concat(roomId, "_", RandomString(SecretLength));

    /// <summary>
    /// Reads the room id out of a stream key of the expected shape; false for anything else (so an ingest
    /// can refuse garbage before it looks anything up).
    /// </summary>
    public static bool TryParseStreamKey(string? key, out string roomId)
    {
        roomId = string.Empty;
        if (key is null || key.Length != RoomIdLength + 1 + SecretLength || key[RoomIdLength] != '_') return false;
        var id = key[..RoomIdLength];
        var secret = key[(RoomIdLength + 1)..];
        if (!IsRoomId(id) || !secret.All(c => Alphabet.Contains(c, StringComparison.Ordinal))) return false;
        roomId = id;
        return true;
    }

    /// <summary>Compares two stream keys in constant time.</summary>
    public static bool StreamKeysMatch(string expected, string offered) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(expected),
            System.Text.Encoding.ASCII.GetBytes(offered));

    private static string RandomString(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
