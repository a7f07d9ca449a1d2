namespace LiveRoom.Testing;

/// <summary>A staff account a test created (see <see cref="TestStaffExtensions.CreateStaffAsync"/>).</summary>
public sealed record TestStaff(string Id, string Email, string Password, string Role);
