namespace LiveRoom.Storage.Staff;

public interface IStaffAccounts
{
    /// <summary>Finds an account by email, ignoring case.</summary>
    Task<StaffAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken = default);

    Task<StaffAccount?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Creates the account (with a new security stamp when it has none); false when the email is taken.</summary>
    Task<bool> CreateAsync(StaffAccount account, CancellationToken cancellationToken = default);

    /// <summary>Sets a new password hash and a new security stamp (ending every session); the new stamp, or null when there is no such account.</summary>
    Task<string?> UpdatePasswordHashAsync(string id, string passwordHash, CancellationToken cancellationToken = default);

    /// <summary>Sets a new security stamp, ending every session of the account; the new stamp, or null when there is no such account.</summary>
    Task<string?> RotateSecurityStampAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Disables or enables the account, with a new security stamp; never disables the last active admin.</summary>
    Task<StaffChange> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken = default);

    /// <summary>Deletes the account; never the last active admin.</summary>
    Task<StaffChange> DeleteAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StaffAccount>> ListAsync(CancellationToken cancellationToken = default);
}
