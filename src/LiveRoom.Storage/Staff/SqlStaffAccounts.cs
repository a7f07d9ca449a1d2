using System.Data.Common;
using LiveRoom.Contracts.Model;
using LiveRoom.Storage.Database;
using LiveRoom.Storage.Records;

namespace LiveRoom.Storage.Staff;

public sealed class SqlStaffAccounts(LiveRoomDatabase database) : IStaffAccounts
{
    private const string Columns = "id, email, display_name, role, password_hash, created_at";

    public Task<StaffAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        FindOneAsync("email = @value", Normalize(email), cancellationToken);

    public Task<StaffAccount?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        FindOneAsync("id = @value", id, cancellationToken);

    public async Task<bool> CreateAsync(StaffAccount account, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO staff_users ({Columns}) VALUES (@id, @email, @name, @role, @hash, @createdAt)
            ON CONFLICT (email) DO NOTHING;
            """;
        command.AddParameter("@id", account.Id);
        command.AddParameter("@email", Normalize(account.Email));
        command.AddParameter("@name", account.DisplayName);
        command.AddParameter("@role", WireNames.ToName(account.Role));
        command.AddParameter("@hash", account.PasswordHash);
        command.AddParameter("@createdAt", account.CreatedAt.ToDb());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE staff_users SET password_hash = @hash WHERE id = @id;";
        command.AddParameter("@id", id);
        command.AddParameter("@hash", passwordHash);
        await command.ExecuteNonQueryAsync(cancellationToken);
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
        reader.GetTime(5));

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
