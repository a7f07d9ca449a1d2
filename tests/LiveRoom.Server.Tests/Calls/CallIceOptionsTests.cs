using LiveRoom.Server.Calls.Ice;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Tests.Calls;

public sealed class CallIceOptionsTests
{
    private const string Section = "LiveRoom:Calls:Ice";

    [Fact]
    public void ServersAndTheRelayAreReadFromTheCallsIceSection()
    {
        using var app = Build(new()
        {
            [$"{Section}:Servers:0:Urls:0"] = "stun:stun.example.com:3478",
            [$"{Section}:Turn:Urls:0"] = "turn:turn.example.com:3478?transport=udp",
            [$"{Section}:Turn:Urls:1"] = "turns:turn.example.com:5349?transport=tcp",
            [$"{Section}:Turn:Secret"] = "0123456789abcdef",
            [$"{Section}:Turn:MarginSeconds"] = "60",
        });

        var servers = app.Services.GetRequiredService<TurnCredentialMinter>().For("call-1", "viewer-1");

        servers.Count.ShouldBe(2);
        servers[0].Urls.ShouldBe(["stun:stun.example.com:3478"]);
        servers[1].Urls.ShouldBe(["turn:turn.example.com:3478?transport=udp", "turns:turn.example.com:5349?transport=tcp"]);
        app.Services.GetRequiredService<IOptions<CallIceOptions>>().Value.Turn.MarginSeconds.ShouldBe(60);
    }

    [Fact]
    public void TheSecretCanComeFromAnEnvironmentVariable()
    {
        // A prefix of this test's own, so no other test in the process sees these variables.
        var prefix = $"LIVEROOM_TEST_{Guid.NewGuid():N}_";
        var secret = $"{prefix}LiveRoom__Calls__Ice__Turn__Secret";
        var url = $"{prefix}LiveRoom__Calls__Ice__Turn__Urls__0";
        Environment.SetEnvironmentVariable(secret, "from-the-environment-0123");
        Environment.SetEnvironmentVariable(url, "turn:turn.example.com:3478");
        try
        {
            using var app = Build([], builder => builder.Configuration.AddEnvironmentVariables(prefix));

            var options = app.Services.GetRequiredService<IOptions<CallIceOptions>>().Value;

            options.Turn.Secret.ShouldBe("from-the-environment-0123");
            options.Turn.Enabled.ShouldBeTrue();
        }
        finally
        {
            Environment.SetEnvironmentVariable(secret, null);
            Environment.SetEnvironmentVariable(url, null);
        }
    }

    [Fact]
    public void ByDefaultThereAreNoServers()
    {
        using var app = Build([]);

        app.Services.GetRequiredService<TurnCredentialMinter>().For("call-1", "viewer-1").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("short-secret", "at least 16")]
    [InlineData("", "Turn:Secret is not")]
    public void ARelayWithoutAStrongSecretStopsTheServerFromStarting(string secret, string reason)
    {
        using var app = Build(new()
        {
            [$"{Section}:Turn:Urls:0"] = "turn:turn.example.com:3478",
            [$"{Section}:Turn:Secret"] = secret,
        });

        StartupFailure(app).ShouldContain(reason);
    }

    [Fact]
    public void ASecretWithoutRelayUrlsStopsTheServerFromStarting()
    {
        using var app = Build(new() { [$"{Section}:Turn:Secret"] = "0123456789abcdef0123" });

        StartupFailure(app).ShouldContain("Turn:Urls is empty");
    }

    [Fact]
    public void AConfiguredTurnServerWithoutCredentialsStopsTheServerFromStarting()
    {
        using var app = Build(new() { [$"{Section}:Servers:0:Urls:0"] = "turn:turn.example.com:3478" });

        StartupFailure(app).ShouldContain("Username and Credential");
    }

    [Theory]
    [InlineData("Servers:0:Urls:0", "https://stun.example.com")]
    [InlineData("Turn:Urls:0", "stun:turn.example.com:3478")]
    public void AUrlOfTheWrongSchemeStopsTheServerFromStarting(string key, string url)
    {
        using var app = Build(new()
        {
            [$"{Section}:{key}"] = url,
            [$"{Section}:Turn:Secret"] = "0123456789abcdef0123",
        });

        StartupFailure(app).ShouldContain(url);
    }

    private static WebApplication Build(Dictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        configure?.Invoke(builder);
        builder.AddCallIce();
        return builder.Build();
    }

    /// <summary>What the start-up validation (ValidateOnStart) says.</summary>
    private static string StartupFailure(WebApplication app) =>
        Should.Throw<OptionsValidationException>(() => app.Services.GetRequiredService<IStartupValidator>().Validate()).Message;
}
