using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Storage.Staff;

/// <summary>
/// A member of staff who signs in with an email and a password (stored only as a hash). The security stamp
/// changes whenever the account's sessions must end (sign-out, password change, disabling, deletion): issued
/// tokens and cookies carry it and stop working once it changed; a new account gets one from storage. A
/// disabled account cannot sign in.
/// </summary>
public sealed record StaffAccount(
    string Id,
    string Email,
    string DisplayName,
    ParticipantRole Role,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    string SecurityStamp = "",
    bool Disabled = false);
