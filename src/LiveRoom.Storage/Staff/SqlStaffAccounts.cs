using System.Data.Common;
using System.Security.Cryptography;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Staff;

public sealed class SqlStaffAccounts(LiveRoomDatabase database) : IStaffAccounts
{
    private const string Columns = "id, email, display_name, role, password_hash, created_at, security_stamp, disabled";

    // True when the account @id may stop being an active admin: it is none, or another active admin remains.
    private const string LeavesAnActiveAdmin = """
        (role <> 'admin' OR disabled = 1
         OR EXISTS (SELECT 1 FROM staff_users other WHERE other.role = 'admin' AND other.disabled = 0 AND other.id <> @id))
        """;

    public Task<StaffAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        FindOneAsync("email = @value", Normalize(email), cancellationToken);

    public Task<StaffAccount?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        FindOneAsync("id = @value", id, cancellationToken);

    public async Task<bool> CreateAsync(StaffAccount account, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO staff_users ({Columns}) VALUES (@id, @email, @name, @role, @hash, @createdAt, @stamp, @disabled)
            ON CONFLICT (email) DO NOTHING;
            """;
        command.AddParameter("@id", account.Id);
        command.AddParameter("@email", Normalize(account.Email));
        command.AddParameter("@name", account.DisplayName);
        command.AddParameter("@role", WireNames.ToName(account.Role));
        command.AddParameter("@hash", account.PasswordHash);
        command.AddParameter("@createdAt", account.CreatedAt.ToDb());
        command.AddParameter("@stamp", account.SecurityStamp.Length > 0 ? account.SecurityStamp : NewStamp());
        command.AddParameter("@disabled", account.Disabled ? 1 : 0);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public Task<string?> UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken = default) =>
        SetNewStampAsync(id, passwordHash, cancellationToken);

    public Task<string?> RotateSecurityStampAsync(string id, CancellationToken cancellationToken = default) =>
        SetNewStampAsync(id, null, cancellationToken);

    public async Task<StaffChange> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default)
    {
        // One statement, so two admins disabling each other at once cannot leave none.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE staff_users SET disabled = @disabled, security_stamp = @stamp WHERE id = @id{(disabled ? " AND " + LeavesAnActiveAdmin : string.Empty)};";
        command.AddParameter("@id", id);
        command.AddParameter("@disabled", disabled ? 1 : 0);
        command.AddParameter("@stamp", NewStamp());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? StaffChange.Done : await WhyUnchangedAsync(id, cancellationToken);
    }

    public async Task<StaffChange> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM staff_users WHERE id = @id AND {LeavesAnActiveAdmin};";
        command.AddParameter("@id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? StaffChange.Done : await WhyUnchangedAsync(id, cancellationToken);
    }

    public async Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM staff_users ORDER BY created_at, email;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<StaffAccount>();
        while (await reader.ReadAsync(cancellationToken)) accounts.Add(Read(reader));
        return accounts;
    }

    private async Task<StaffAccount?> FindOneAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM staff_users WHERE {where};";
        command.AddParameter("@value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static StaffAccount Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        WireNames.Parse<ParticipantRole>(reader.GetString(3)),
        reader.GetString(4),
        reader.GetTime(5),
        reader.GetString(6),
        reader.GetInt64(7) != 0);

    /// <summary>A new security stamp, with a new password hash when one is given; the stamp, or null when there is no such account.</summary>
    private async Task<string?> SetNewStampAsync(string id, string? passwordHash, CancellationToken cancellationToken)
    {
        var stamp = NewStamp();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = passwordHash is null
            ? "UPDATE staff_users SET security_stamp = @stamp WHERE id = @id;"
            : "UPDATE staff_users SET password_hash = @hash, security_stamp = @stamp WHERE id = @id;";
        command.AddParameter("@id", id);
        command.AddParameter("@stamp", stamp);
        if (passwordHash is not null) command.AddParameter("@hash", passwordHash);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? stamp : null;
    }

    private async Task<StaffChange> WhyUnchangedAsync(string id, CancellationToken cancellationToken) =>
        await FindByIdAsync(id, cancellationToken) is null ? StaffChange.NotFound : StaffChange.LastActiveAdmin;

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
