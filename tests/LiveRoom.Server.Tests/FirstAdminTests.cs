using System.Net;
using System.Net.Http.Json;
using LiveRoom.Server.Startup;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests;

public sealed class FirstAdminTests
{
    [Fact]
    public async Task WithoutAConfiguredPasswordTheFirstAdminGetsAGeneratedOneKeptOnlyUntilChanged()
    {
        await using var server = await StartWithoutAConfiguredPasswordAsync();
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

    [Fact]
    public async Task AConfiguredAdminPasswordIsNeverPrintedInTheBanner()
    {
        await using var server = await LiveRoomTestServer.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));

        var banner = await server.Services.GetRequiredService<BannerConsole>().Printed.WaitAsync(RoomClient.CallTimeout);

        banner.ShouldContain(server.AdminEmail);
        banner.ShouldNotContain(server.AdminPassword);
        banner.ShouldContain("not shown");
        server.Logs.Lines.ShouldNotContain(l => l.Contains(server.AdminPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGeneratedPasswordIsPrintedOnlyToATerminalAndOutputToAFileSaysWhereItIs()
    {
        await using var server = await StartWithoutAConfiguredPasswordAsync();
        var file = Path.Combine(server.DataDirectory, "initial-admin-password.txt");
        var generated = (await File.ReadAllTextAsync(file)).Trim();
        var console = server.Services.GetRequiredService<BannerConsole>();

        var banner = await console.Printed.WaitAsync(RoomClient.CallTimeout);

        // The test host's output is a pipe, as it is under a service manager that keeps a log.
        if (console.IsTerminal) banner.ShouldContain(generated);
        else banner.ShouldNotContain(generated);
        if (!console.IsTerminal) banner.ShouldContain(file);
        StartupBanner.SignInLine("a@b.c", generated, file, isTerminal: true).ShouldContain(generated);
        StartupBanner.SignInLine("a@b.c", generated, file, isTerminal: false).ShouldNotContain(generated);
        StartupBanner.SignInLine("a@b.c", null, file, isTerminal: true).ShouldContain("not shown");
    }

    private static Task<LiveRoomTestServer> StartWithoutAConfiguredPasswordAsync() =>
        LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Admin:Email"] = "owner@test.liveroom",
            ["LiveRoom:Admin:Password"] = "",
        }).WaitAsync(TimeSpan.FromSeconds(60));
}
