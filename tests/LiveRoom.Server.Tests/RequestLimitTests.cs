using System.Net;
using System.Net.Http.Headers;
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
        using var http = Server.CreateHttpClient();
        using var content = new StreamContent(new FakeJsonStream(2 * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/rooms/{room.Id}/viewers") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request).WaitAsync(RoomClient.CallTimeout);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task StaffEndpointsAreCappedToo()
    {
        var token = await Server.LoginAsync().WaitAsync(RoomClient.CallTimeout);

        var answer = await SendHeadAsync("/api/rooms", 5 * 1024 * 1024, token);

        answer.ShouldStartWith("HTTP/1.1 413");
    }

    /// <summary>Sends a request's headers declaring <paramref name="declaredLength"/> bytes and 1 KiB of body; returns the status line and headers.</summary>
    private async Task<string> SendHeadAsync(string path, long declaredLength, string? bearer = null)
    {
        using var timeout = new CancellationTokenSource(RoomClient.CallTimeout);
        using var client = new TcpClient();
        await client.ConnectAsync(Server.BaseAddress.Host, Server.BaseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\nHost: {Server.BaseAddress.Authority}\r\nContent-Type: application/json\r\n")
            .Append(bearer is null ? string.Empty : $"Authorization: Bearer {bearer}\r\n")
            .Append($"Content-Length: {declaredLength}\r\n\r\n{{\"displayName\":\"")
            .Append('x', 1024);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), timeout.Token);
        var buffer = new byte[4096];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    /// <summary>The start of a JSON object with one very long string, produced as it is read.</summary>
    private sealed class FakeJsonStream(long length) : Stream
    {
        private static readonly byte[] Start = Encoding.ASCII.GetBytes("{\"displayName\":\"");
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= length) return 0;
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = _position + i < Start.Length ? Start[_position + i] : (byte)'x';
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
