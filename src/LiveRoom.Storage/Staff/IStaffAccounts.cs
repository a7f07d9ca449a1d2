namespace LiveRoom.Storage.Staff;

public interface IStaffAccounts
{
    /// <summary>Finds an account by email, ignoring case.</summary>
    Task<StaffAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    Task<StaffAccount?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates the account; false when the email is taken.</summary>
    Task<bool> CreateAsync(StaffAccount account, CancellationToken cancellationToken = default);

    Task UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default);
}
