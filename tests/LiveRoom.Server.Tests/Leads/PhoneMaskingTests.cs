using LiveRoom.Server.Contacts;
using LiveRoom.Testing;

namespace LiveRoom.Server.Tests.Leads;

/// <summary>Phone numbers are masked in logs and in what viewers write for everyone to read.</summary>
public sealed class PhoneMaskingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("call me on 138 0013 8000 please", "call me on 138 **** **00 please")]
    [InlineData("my number is +86 13800138000", "my number is +86 138******00")]
    [InlineData("UK: +44 20 7946 0958", "UK: +44 20 7*** **58")]
    [InlineData("it costs ¥1999, see you at 20:30", "it costs ¥1999, see you at 20:30")]
    [InlineData("no numbers here", "no numbers here")]
    public void PhoneNumbersInATextAreMaskedAndOtherNumbersAreLeft(string text, string shown) =>
        ContactRules.MaskPhonesIn(text, "CN").ShouldBe(shown);

    [Theory]
    [InlineData("+8613800138000", "+86 138******00")]
    [InlineData("+442079460958", "+44 207*****58")]
    public void APhoneNumberInALogShowsItsCountryAndAFewDigits(string phone, string masked) =>
        ContactRules.MaskPhone(phone).ShouldBe(masked);

    [Fact]
    public async Task AViewersNumberInTheChatIsMaskedForEveryoneButStaffWriteAsTheyWish()
    {
        var server = fixture.Server;
        var room = await server.CreateRoomAsync("masked chat").WaitAsync(RoomClient.CallTimeout);
        await using var writer = await RoomClient.JoinAsViewerAsync(server, room.Id, "Writer");
        await using var reader = await RoomClient.JoinAsViewerAsync(server, room.Id, "Reader");
        await using var host = await RoomClient.JoinAsStaffAsync(server, room.Id);

        await writer.SendChatAsync("call me on 138 0013 8000 please");
        await host.SendChatAsync("Our hotline is 400 810 8888");

        await reader.Chat.WaitForAsync(messages => messages.Any(m => m.Text == "call me on 138 **** **00 please"), "the masked line");
        await reader.Chat.WaitForAsync(messages => messages.Any(m => m.Text == "Our hotline is 400 810 8888"), "the staff line as written");
    }
}
