using System.Net;
using System.Net.Http.Json;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

public sealed class FirstAdminTests
{
    [Fact]
    public async Task WithoutAConfiguredPasswordTheFirstAdminGetsAGeneratedOneKeptOnlyUntilChanged()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Admin:Email"] = "owner@test.liveroom",
            ["LiveRoom:Admin:Password"] = "",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var file = Path.Combine(server.DataDirectory, "initial-admin-password.txt");

        var generated = (await File.ReadAllTextAsync(file)).Trim();
        var token = await server.LoginAsync("owner@test.liveroom", generated).WaitAsync(RoomClient.CallTimeout);

        generated.Length.ShouldBeGreaterThanOrEqualTo(16);
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        server.Logs.Lines.ShouldNotContain(l => l.Contains(generated, StringComparison.Ordinal), "the password is shown in the banner, never logged");
        using var owner = server.CreateHttpClient(token);
        (await owner.PostAsJsonAsync("api/auth/password", new { currentPassword = generated, newPassword = "my-own-password" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        File.Exists(file).ShouldBeFalse();
    }
}
