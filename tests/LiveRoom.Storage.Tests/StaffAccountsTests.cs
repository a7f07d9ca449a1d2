using LiveRoom.Contracts.Viewers;
using LiveRoom.Storage.Staff;

namespace LiveRoom.Storage.Tests;

/// <summary>Each test gets its own database: the last-admin rule counts every admin in it.</summary>
public sealed class StaffAccountsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TempDatabase _temp = new();

    public ValueTask InitializeAsync() => _temp.InitializeAsync();

    public ValueTask DisposeAsync() => _temp.DisposeAsync();

    [Fact]
    public async Task TheLastActiveAdminCanBeNeitherDisabledNorDeleted()
    {
        var staff = new SqlStaffAccounts(_temp.Database);
        var first = Account("u_first", ParticipantRole.Admin);
        var second = Account("u_second", ParticipantRole.Admin);
        await staff.CreateAsync(first);
        await staff.CreateAsync(second);

        (await staff.SetDisabledAsync(first.Id, true)).ShouldBe(StaffChange.Done);
        (await staff.SetDisabledAsync(second.Id, true)).ShouldBe(StaffChange.LastActiveAdmin);
        (await staff.DeleteAsync(second.Id)).ShouldBe(StaffChange.LastActiveAdmin);
        (await staff.DeleteAsync(first.Id)).ShouldBe(StaffChange.Done, "a disabled admin may go");
        (await staff.DeleteAsync(first.Id)).ShouldBe(StaffChange.NotFound);
        (await staff.FindByIdAsync(second.Id))!.Disabled.ShouldBeFalse();
    }

    [Fact]
    public async Task EveryChangeThatEndsSessionsGivesANewSecurityStamp()
    {
        var staff = new SqlStaffAccounts(_temp.Database);
        var host = Account("u_host", ParticipantRole.Host);
        await staff.CreateAsync(host);
        var stamps = new List<string> { (await staff.FindByIdAsync(host.Id))!.SecurityStamp };

        stamps.Add((await staff.RotateSecurityStampAsync(host.Id))!);
        stamps.Add((await staff.UpdatePasswordHashAsync(host.Id, "other-hash"))!);
        await staff.SetDisabledAsync(host.Id, true);
        stamps.Add((await staff.FindByIdAsync(host.Id))!.SecurityStamp);

        stamps.ShouldAllBe(s => s.Length == 32);
        stamps.Distinct().Count().ShouldBe(stamps.Count);
        (await staff.RotateSecurityStampAsync("u_nobody")).ShouldBeNull();
    }

    private static StaffAccount Account(string id, ParticipantRole role) => new(id, $"{id}@example.com", id, role, "hash", Now);
}
