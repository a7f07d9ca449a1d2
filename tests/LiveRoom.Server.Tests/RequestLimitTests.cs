using System.Net.Sockets;
using System.Text;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests;

public sealed class RequestLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Megabytes29 = 29_000_000;

    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task AnOversizedAnonymousBodyIsRefusedWith413BeforeItIsRead()
    {
        var room = await Server.CreateRoomAsync("big bodies").WaitAsync(RoomClient.CallTimeout);

        // The headers and the first kilobyte only: the answer must come without the other 29 MB.
        var answer = await SendHeadAsync($"/api/rooms/{room.Id}/viewers", Megabytes29);

        answer.ShouldStartWith("HTTP/1.1 413");
        answer.ShouldContain("application/problem+json");
        (await Server.CreateViewerAsync(room.Id, "Still welcome").WaitAsync(RoomClient.CallTimeout)).DisplayName.ShouldBe("Still welcome");
    }

    [Fact]
    public async Task AChunkedBodyIsRefusedOnceWhatArrivedPassesTheCap()
    {
        var room = await Server.CreateRoomAsync("chunked").WaitAsync(RoomClient.CallTimeout);
        // One chunk a little over the cap, then nothing more: no length was declared, so the server has to count.
        var chunk = "{\"displayName\":\"" + new string('x', 70 * 1024);
        var body = $"{Encoding.ASCII.GetByteCount(chunk):x}\r\n{chunk}\r\n";

        var answer = await SendAsync($"/api/rooms/{room.Id}/viewers", "Transfer-Encoding: chunked\r\n", body);

        answer.ShouldStartWith("HTTP/1.1 413");
    }

    [Fact]
    public async Task ReadingTheChatHistoryInALoopIsHeldBackPerClientNetwork()
    {
        await using var server = await LiveRoomTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["LiveRoom:RateLimits:ChatHistoryBurst"] = "5",
            ["LiveRoom:RateLimits:ChatHistoryPerMinute"] = "1",
        }).WaitAsync(TimeSpan.FromSeconds(60));
        var room = await server.CreateRoomAsync("history").WaitAsync(RoomClient.CallTimeout);
        using var looper = server.CreateHttpClient();
        using var neighbour = server.CreateHttpClientFrom(System.Net.IPAddress.Parse("127.0.0.2"));

        var answers = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await looper.GetAsync($"api/rooms/{room.Id}/chat?after=0").WaitAsync(RoomClient.CallTimeout);
            answers.Add(response.StatusCode);
        }

        using var other = await neighbour.GetAsync($"api/rooms/{room.Id}/chat?after=0").WaitAsync(RoomClient.CallTimeout);
        answers.ShouldBe([.. Enumerable.Repeat(System.Net.HttpStatusCode.OK, 5), System.Net.HttpStatusCode.TooManyRequests]);
        other.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, "another network is not held back");
    }

    [Fact]
    public async Task StaffEndpointsAreCappedToo()
    {
        var token = await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout);

        var answer = await SendHeadAsync("/api/rooms", 5 * 1024 * 1024, token);

        answer.ShouldStartWith("HTTP/1.1 413");
    }

    /// <summary>Sends a request's headers declaring <paramref name="declaredLength"/> bytes and 1 KiB of body; returns the status line and headers.</summary>
    private Task<string> SendHeadAsync(string path, long declaredLength, string? bearer = null) =>
        SendAsync(path, $"Content-Length: {declaredLength}\r\n", "{\"displayName\":\"" + new string('x', 1024), bearer);

    /// <summary>
    /// Sends a POST with <paramref name="headers"/> and <paramref name="body"/> over a raw socket and returns the
    /// start of the answer. What is sent stays small enough for the server to read it all, so its answer is
    /// not lost to a reset when it closes the connection.
    /// </summary>
    private async Task<string> SendAsync(string path, string headers, string body, string? bearer = null)
    {
        using var timeout = new CancellationTokenSource(RoomClient.CallTimeout);
        using var client = new TcpClient();
        await client.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        var request = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\nHost: {Server.BaseAddress.Authority}\r\nContent-Type: application/json\r\n")
            .Append(bearer is null ? string.Empty : $"Authorization: Bearer {bearer}\r\n")
            .Append(headers)
            .Append("\r\n")
            .Append(body);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), timeout.Token);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
