using System.Text.Json;
using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Wire;
using LiveRoom.Server.Calls.Ice;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRoom.Server.Tests.Calls;

public sealed class TurnCredentialMinterTests
{
    private const string Secret = "liveroom-turn-test-secret";
    private const string RelayUrl = "turn:turn.example.com:3478?transport=udp";

    /// <summary>2030-01-01T00:00:00Z, unix time 1893456000.</summary>
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MintsCoturnsRestCredentialForOneParticipantOfOneCall()
    {
        var minter = Minter(o =>
        {
            o.Turn.Urls = [RelayUrl];
            o.Turn.Secret = Secret;
            o.Turn.MarginSeconds = 300;
        });

        var relay = minter.For("call-42", "viewer-7", TimeSpan.FromMinutes(30)).ShouldHaveSingleItem();

        relay.Urls.ShouldBe([RelayUrl]);
        // 1893456000 + 30 minutes + 300 s margin.
        relay.Username.ShouldBe("1893458100:call-42:viewer-7");
        // printf '%s' "1893458100:call-42:viewer-7" | openssl dgst -sha1 -hmac "liveroom-turn-test-secret" -binary | base64
        relay.Credential.ShouldBe("v6JsbyyS31tVDzGJZyBptyYibCI=");
    }

    [Fact]
    public void WithoutAnExpectedLengthTheCredentialLastsTheConfiguredCallLengthAndMargin()
    {
        var minter = Minter(o =>
        {
            o.Turn.Urls = [RelayUrl];
            o.Turn.Secret = Secret;
        });

        var relay = minter.For("call-42", "agent-3").ShouldHaveSingleItem();

        // The defaults: a call of 2 hours and a margin of 10 minutes.
        relay.Username.ShouldBe("1893463800:call-42:agent-3");
        // printf '%s' "1893463800:call-42:agent-3" | openssl dgst -sha1 -hmac "liveroom-turn-test-secret" -binary | base64
        relay.Credential.ShouldBe("T4ddtZfN7iNEhgnxBc8vHAuthiI=");
    }

    [Fact]
    public void EachParticipantOfACallGetsACredentialOfTheirOwn()
    {
        var minter = Minter(o =>
        {
            o.Turn.Urls = [RelayUrl];
            o.Turn.Secret = Secret;
        });

        var viewer = minter.For("call-42", "viewer-7").Single();
        var agent = minter.For("call-42", "agent-3").Single();
        var otherCall = minter.For("call-43", "viewer-7").Single();

        new[] { viewer.Username, agent.Username, otherCall.Username }.Distinct().Count().ShouldBe(3);
        new[] { viewer.Credential, agent.Credential, otherCall.Credential }.Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public void ConfiguredServersComeFirstAndTheRelayLast()
    {
        var minter = Minter(o =>
        {
            o.Servers =
            [
                new IceServerOptions { Urls = ["stun:stun.example.com:3478"] },
                new IceServerOptions { Urls = ["turn:other.example.com:3478"], Username = "fixed", Credential = "password" },
            ];
            o.Turn.Urls = [RelayUrl, "turns:turn.example.com:5349?transport=tcp"];
            o.Turn.Secret = Secret;
        });

        var servers = minter.For("call-42", "viewer-7");

        servers.Count.ShouldBe(3);
        servers[0].ShouldBe(new IceServer(["stun:stun.example.com:3478"], null, null), new IceServerComparer());
        servers[1].ShouldBe(new IceServer(["turn:other.example.com:3478"], "fixed", "password"), new IceServerComparer());
        servers[2].Urls.ShouldBe([RelayUrl, "turns:turn.example.com:5349?transport=tcp"]);
        servers[2].Username.ShouldNotBeNull().ShouldEndWith(":call-42:viewer-7");
        minter.MintsTurnCredentials.ShouldBeTrue();
    }

    [Fact]
    public void WithoutARelayOnlyTheConfiguredServersAreGiven()
    {
        var minter = Minter(o => o.Servers = [new IceServerOptions { Urls = ["stun:stun.example.com:3478"] }]);

        minter.For("call-42", "viewer-7").ShouldHaveSingleItem().Urls.ShouldBe(["stun:stun.example.com:3478"]);
        minter.MintsTurnCredentials.ShouldBeFalse();
    }

    [Fact]
    public void WithNothingConfiguredNoServersAreGiven() =>
        Minter(_ => { }).For("call-42", "viewer-7").ShouldBeEmpty();

    [Theory]
    [InlineData("call:42", "viewer-7")] // would read as another call
    [InlineData("call-42", "viewer:7")] // would read as another participant
    [InlineData("", "viewer-7")]
    [InlineData("call-42", "")]
    [InlineData("call-42", "viewer\n7")]
    public void IdsThatCannotBePartOfAUsernameAreRefused(string callId, string participantId)
    {
        var minter = Minter(o =>
        {
            o.Turn.Urls = [RelayUrl];
            o.Turn.Secret = Secret;
        });

        Should.Throw<ArgumentException>(() => minter.For(callId, participantId));
    }

    [Fact]
    public void IdsAreCheckedEvenWhenNoRelayIsConfigured() =>
        Should.Throw<ArgumentException>(() => Minter(_ => { }).For("call:42", "viewer-7"));

    [Fact]
    public void AnExpectedLengthThatIsNotPositiveIsRefused()
    {
        var minter = Minter(o =>
        {
            o.Turn.Urls = [RelayUrl];
            o.Turn.Secret = Secret;
        });

        Should.Throw<ArgumentOutOfRangeException>(() => minter.For("call-42", "viewer-7", TimeSpan.Zero));
    }

    [Fact]
    public void OnTheWireAnIceServerHasTheBrowsersRtcIceServerShape()
    {
        var json = JsonSerializer.Serialize(new IceServer(["turn:turn.example.com:3478"], "1893458100:call-42:viewer-7", "secret"), WireFormat.Json);

        json.ShouldBe("""{"urls":["turn:turn.example.com:3478"],"username":"1893458100:call-42:viewer-7","credential":"secret"}""");
    }

    internal static TurnCredentialMinter Minter(Action<CallIceOptions> configure, DateTimeOffset? now = null)
    {
        var options = new CallIceOptions();
        configure(options);
        return new TurnCredentialMinter(Microsoft.Extensions.Options.Options.Create(options), new FixedTimeProvider(now ?? Now), NullLogger<TurnCredentialMinter>.Instance);
    }

    private sealed class IceServerComparer : IEqualityComparer<IceServer>
    {
        public bool Equals(IceServer? x, IceServer? y) =>
            x is not null && y is not null && x.Urls.SequenceEqual(y.Urls) && x.Username == y.Username && x.Credential == y.Credential;

        public int GetHashCode(IceServer obj) => obj.Urls.Length;
    }
}
