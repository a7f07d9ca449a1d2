using LiveRoom.Contracts.Viewers;
using LiveRoom.Server.Auth;
using LiveRoom.Storage.Staff;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Startup;

/// <summary>
/// Makes sure the first admin exists. Without a configured password, one is generated at the first start,
/// kept in <c>initial-admin-password.txt</c> in the data directory (readable by the owner only), and
/// shown in the start-up banner (on a terminal) while that file exists. A configured password is never shown.
/// </summary>
public sealed partial class AdminBootstrapper(
    IStaffAccounts accounts,
    IOptions<AdminOptions> admin,
    DataDirectory data,
    TimeProvider time,
    ILogger<AdminBootstrapper> logger) : IHostedService
{
    public const string PasswordFileName = "initial-admin-password.txt";

    /// <summary>The admin's email, and the password only when the server generated it and it is still the admin's.</summary>
    public (string Email, string? GeneratedPassword) SignIn { get; private set; }

    /// <summary>Where a generated password is kept until the admin changes it.</summary>
    public string PasswordFile => data.PathOf(PasswordFileName);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = admin.Value.Email.Trim();
        var configured = admin.Value.Password;
        if (configured is { Length: > 0 and < PasswordHashing.MinimumLength })
        {
            throw new InvalidOperationException($"LIVEROOM_ADMIN_PASSWORD must be at least {PasswordHashing.MinimumLength} characters.");
        }

        var passwordFile = data.PathOf(PasswordFileName);
        var existing = await accounts.FindByEmailAsync(email, cancellationToken);
        if (existing is null)
        {
            var password = string.IsNullOrEmpty(configured) ? PasswordHashing.Generate() : configured;
            var account = new StaffAccount(StaffEndpoints.NewUserId(), email, "Administrator", ParticipantRole.Admin, PasswordHashing.Hash(password), time.GetUtcNow());
            await accounts.CreateAsync(account, cancellationToken);
            if (string.IsNullOrEmpty(configured))
            {
                await WriteSecretAsync(passwordFile, password, cancellationToken);
                Log.Generated(logger, email, passwordFile);
            }
            else
            {
                Log.Created(logger, email);
            }

            SignIn = (email, string.IsNullOrEmpty(configured) ? password : null);
            return;
        }

        if (!string.IsNullOrEmpty(configured))
        {
            if (!PasswordHashing.Verify(configured, existing.PasswordHash))
            {
                await accounts.UpdatePasswordHashAsync(existing.Id, PasswordHashing.Hash(configured), cancellationToken);
                Log.Reset(logger, email);
            }

            SignIn = (email, null);
            return;
        }

        var remembered = File.Exists(passwordFile) ? (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim() : null;
        SignIn = (email, remembered is not null && PasswordHashing.Verify(remembered, existing.PasswordHash) ? remembered : null);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task WriteSecretAsync(string path, string secret, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteLineAsync(secret.AsMemory(), cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Created the first admin {Email} with a generated password, kept in {PasswordFile}; sign in and change it")]
        public static partial void Generated(ILogger logger, string email, string passwordFile);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Created the first admin {Email} with the configured password")]
        public static partial void Created(ILogger logger, string email);

        [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "The admin {Email}'s password was reset to the configured one")]
        public static partial void Reset(ILogger logger, string email);
    }
}
