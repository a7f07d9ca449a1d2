using LiveRoom.Contracts.Model;

namespace LiveRoom.Storage.Staff;

/// <summary>A member of staff who signs in with an email and a password (stored only as a hash).</summary>
public sealed record StaffAccount(
    string Id,
    string Email,
    string DisplayName,
    ParticipantRole Role,
    string PasswordHash,
    DateTimeOffset CreatedAt);
