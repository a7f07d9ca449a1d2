using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

public sealed class SignInTests
{
    [Fact]
    public async Task AnUnknownEmailTakesAsLongToRefuseAsAKnownOne()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Sessions:FailuresBeforeLockout"] = "1000",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        using var http = server.CreateHttpClient();
        var known = new List<double>();
        var unknown = new List<double>();

        // Alternate, so both see the same machine load; the first round warms up and is not counted.
        for (var i = 0; i < 16; i++)
        {
            var k = await TimeRefusalAsync(http, server.AdminEmail);
            var u = await TimeRefusalAsync(http, $"nobody-{i}@test.liveroom");
            if (i == 0) continue;
            known.Add(k);
            unknown.Add(u);
        }

        var knownMedian = Median(known);
        var unknownMedian = Median(unknown);
        TestContext.Current.TestOutputHelper?.WriteLine($"median refusal: known email {knownMedian:F1} ms, unknown email {unknownMedian:F1} ms");
        unknownMedian.ShouldBeGreaterThan(knownMedian * 0.6, $"known {knownMedian:F1} ms, unknown {unknownMedian:F1} ms");
        unknownMedian.ShouldBeLessThan(knownMedian * 1.6, $"known {knownMedian:F1} ms, unknown {unknownMedian:F1} ms");
    }

    [Fact]
    public async Task RepeatedFailuresLockAnEmailOutWithRetryAfterWhetherOrNotItHasAnAccount()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Sessions:FailuresBeforeLockout"] = "3",
            ["LiveRoom:Sessions:Lockout"] = "00:05:00",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var host = await server.CreateStaffAsync("host").WaitAsync(RoomClient.CallTimeout);
        using var http = server.CreateHttpClient();

        var knownAnswers = await GuessAsync(http, host.Email, 4);
        var unknownAnswers = await GuessAsync(http, "nobody@test.liveroom", 4);
        using var rightPassword = await http.PostAsJsonAsync("api/auth/login", new { email = host.Email, password = host.Password }).WaitAsync(RoomClient.CallTimeout);
        var otherToken = await server.LoginAsync().WaitAsync(RoomClient.CallTimeout);

        knownAnswers.Select(a => (a.Status, a.Code)).ShouldBe(unknownAnswers.Select(a => (a.Status, a.Code)), "a lock-out must not tell which emails have accounts");
        unknownAnswers[^1].RetryAfter.ShouldNotBeNull().ShouldBeInRange(250, 300);
        knownAnswers.Select(a => a.Status).ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        knownAnswers[^1].Code.ShouldBe("sign_in_locked");
        knownAnswers[^1].RetryAfter.ShouldNotBeNull().ShouldBeInRange(250, 300);
        rightPassword.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "not even the right password gets in while locked out");
        otherToken.ShouldNotBeNullOrEmpty("other emails from the same address still sign in");
    }

    [Fact]
    public async Task AGuessersLockOutHoldsForItsNetworksSoTheOwnerStillSignsInFromAnother()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:Sessions:FailuresBeforeLockout"] = "3",
            ["LiveRoom:Sessions:Lockout"] = "00:05:00",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var host = await server.CreateStaffAsync("host").WaitAsync(RoomClient.CallTimeout);
        using var guesser = server.CreateHttpClientFrom(System.Net.IPAddress.Parse("127.0.0.2"));
        using var secondGuesser = server.CreateHttpClientFrom(System.Net.IPAddress.Parse("127.0.0.3"));
        using var owner = server.CreateHttpClientFrom(System.Net.IPAddress.Parse("127.0.0.4"));

        var guesses = await GuessAsync(guesser, host.Email, 4);
        var fromElsewhere = await GuessAsync(secondGuesser, host.Email, 2);
        using var signIn = await owner.PostAsJsonAsync("api/auth/login", new { email = host.Email, password = host.Password }).WaitAsync(RoomClient.CallTimeout);

        guesses[^1].Status.ShouldBe(HttpStatusCode.TooManyRequests);
        fromElsewhere.Select(a => a.Status).ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], "another guessing network gets one try");
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK, "the owner's network never failed: the guesser cannot lock them out");
    }

    private static async Task<List<(HttpStatusCode Status, string? Code, int? RetryAfter)>> GuessAsync(HttpClient http, string email, int times)
    {
        var answers = new List<(HttpStatusCode, string?, int?)>();
        for (var i = 0; i < times; i++)
        {
            using var response = await http.PostAsJsonAsync("api/auth/login", new { email, password = "guess-" + i }).WaitAsync(RoomClient.CallTimeout);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var code = body.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            var retry = response.Headers.RetryAfter?.Delta is { } delta ? (int?)delta.TotalSeconds : null;
            answers.Add((response.StatusCode, code, retry));
        }

        return answers;
    }

    private static async Task<double> TimeRefusalAsync(HttpClient http, string email)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.PostAsJsonAsync("api/auth/login", new { email, password = "not-the-password" }).WaitAsync(RoomClient.CallTimeout);
        watch.Stop();
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
