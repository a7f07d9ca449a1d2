using LiveRoom.Contracts.Calls;
using LiveRoom.Storage.Calls;

namespace LiveRoom.Storage.Tests;

public sealed class CallItemsTests(TempDatabase temp) : IClassFixture<TempDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly CallParticipant Viewer = new("v_ann", "Ann", CallRole.Viewer);
    private static readonly CallParticipant Agent = new("u_agent", "Agent Li", CallRole.Agent);

    private SqlCallItems Items => new(temp.Database);

    [Fact]
    public async Task MessagesAndFilesComeBackInTheOrderTheyWereKeptForTheirCallOnly()
    {
        var callId = CallIds.NewCallId();
        var otherCall = CallIds.NewCallId();
        var first = new CallMessage(CallItemIds.NewMessageId(), callId, Viewer, "保单号码是多少？", Now);
        var second = new CallMessage(CallItemIds.NewMessageId(), callId, Agent, "One moment.", Now);
        var file = new CallFile(CallItemIds.NewFileId(), callId, CallFileKind.File, "terms.pdf", "application/pdf", 12_345, Agent, Now.AddSeconds(5));
        var snapshot = new CallFile(CallItemIds.NewFileId(), callId, CallFileKind.Snapshot, "snapshot.jpg", "image/jpeg", 999, Agent, Now.AddSeconds(6));

        await Items.SaveMessageAsync(first);
        await Items.SaveMessageAsync(new CallMessage(CallItemIds.NewMessageId(), otherCall, Viewer, "elsewhere", Now));
        await Items.SaveMessageAsync(second);
        await Items.SaveFileAsync(file);
        await Items.SaveFileAsync(snapshot);

        var items = await Items.ListAsync(callId);
        items.Messages.ShouldBe([first, second]);
        items.Files.ShouldBe([file, snapshot]);
        (await Items.GetFileAsync(callId, snapshot.Id)).ShouldBe(snapshot);
        (await Items.GetFileAsync(otherCall, snapshot.Id)).ShouldBeNull("a file is found only with its own call");
        (await Items.ListAsync(otherCall)).Files.ShouldBeEmpty();
    }
}
