using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveRoom.Server.Auth;

/// <summary>Password hashes: PBKDF2-SHA256, a random 16-byte salt, stored as <c>pbkdf2-sha256$iterations$salt$hash</c>.</summary>
public static class PasswordHashing
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Passwords must be at least this long.</summary>
    public const int MinimumLength = 10;

    // A hash of nothing anyone knows, with the same cost as a real one.
    private static readonly Lazy<string> NoAccountHash = new(() => Hash(Generate()));

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// For a sign-in with an email no account has: takes as long as <see cref="Verify"/> on a real account (so
    /// the answer's timing does not tell which emails have accounts) and is always false.
    /// </summary>
    public static bool VerifyWithoutAccount(string password)
    {
        Verify(password, NoAccountHash.Value);
        return false;
    }

    /// <summary>A readable random password (for the generated first admin).</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[20];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars);
    }
}
