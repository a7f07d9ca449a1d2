using LiveRoom.Contracts.Chat;
using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Rooms;
using LiveRoom.Contracts.Viewers;

namespace LiveRoom.Grains.Tests;

public sealed class RoomGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task BurstsOfEventsReachEveryNodeAsOneFrameInRoomOrder()
    {
        var roomId = await CreateRoomAsync();
        var (nodeA, refA) = Observer();
        var (nodeB, refB) = Observer();
        var interval = TimeSpan.FromMilliseconds(ClusterFixture.FrameIntervalMilliseconds);
        await Grains.Room(roomId).UpdateNodeAsync("node-a", refA, 1).WaitAsync(Timeout);
        await Grains.Room(roomId).UpdateNodeAsync("node-b", refB, 1).WaitAsync(Timeout);
        fixture.Time.Advance(interval);
        await nodeB.WaitForAsync(f => f.Any(x => x.ViewerCount == 2), "the presence frame");
        var senders = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => RegisterAsync(roomId, $"v{i}", $"Viewer {i}")));

        // A frame just went out, so a burst now waits for the next one.
        var sent = await Task.WhenAll(senders.Select((s, i) => s.SendChatAsync($"message {i}"))).WaitAsync(Timeout);
        sent.ShouldAllBe(o => o.IsSuccess);
        nodeA.Frames.Sum(x => x.Chat.Count).ShouldBe(0);
        fixture.Time.Advance(interval);

        foreach (var node in new[] { nodeA, nodeB })
        {
            var frames = await node.WaitForAsync(f => f.Sum(x => x.Chat.Count) >= 10, "all ten messages");
            var chatFrames = frames.Where(f => f.Chat.Count > 0).ToArray();
            chatFrames.Length.ShouldBe(1, "messages within one frame interval share one frame");
            var ids = chatFrames[0].Chat.Select(m => long.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            ids.ShouldBe(ids.Order().ToArray(), "a frame carries messages in room order");
            ids.Length.ShouldBe(10);
        }

        // An idle room sends at once, without waiting for the interval.
        fixture.Time.Advance(interval);
        await senders[0].SendChatAsync("after a pause").WaitAsync(Timeout);
        await nodeA.WaitForAsync(f => f.Any(x => x.Chat.Any(m => m.Text == "after a pause")), "the message sent into an idle room");
        await nodeB.WaitForAsync(f => f.Any(x => x.Chat.Any(m => m.Text == "after a pause")), "the message sent into an idle room");
        var sinceBJoined = nodeB.Frames[0].Sequence;
        nodeA.Frames.Select(f => f.Sequence).Where(s => s >= sinceBJoined).ShouldBe(nodeB.Frames.Select(f => f.Sequence), "every node gets the same frames");
        nodeA.Frames.Select(f => f.Sequence).ShouldBe(nodeA.Frames.Select(f => f.Sequence).Order().ToArray());
    }

    [Fact]
    public async Task ChatMessagesGetConsecutiveIdsAndAreDurableBeforeTheyAreAcknowledged()
    {
        var roomId = await CreateRoomAsync();
        var alice = await RegisterAsync(roomId, "alice", "Alice");

        var first = await alice.SendChatAsync("one").WaitAsync(Timeout);
        var second = await alice.SendChatAsync("two").WaitAsync(Timeout);
        await fixture.Cluster.DeactivateAsync(Grains.Room(roomId)).WaitAsync(Timeout);
        var snapshot = await Grains.Room(roomId).GetSnapshotAsync(null).WaitAsync(Timeout);

        (first.Value!.Id, second.Value!.Id).ShouldBe(("1", "2"));
        snapshot.Value!.RecentChat.Select(m => (m.Id, m.Text)).ShouldBe([("1", "one"), ("2", "two")]);
    }

    [Fact]
    public async Task TheViewerCountIsTheSumOverNodesAndReachesThem()
    {
        var roomId = await CreateRoomAsync();
        var (nodeA, refA) = Observer();
        var (_, refB) = Observer();
        var room = Grains.Room(roomId);

        await room.UpdateNodeAsync("node-a", refA, 3).WaitAsync(Timeout);
        await room.UpdateNodeAsync("node-b", refB, 4).WaitAsync(Timeout);
        fixture.Time.Advance(TimeSpan.FromMilliseconds(ClusterFixture.FrameIntervalMilliseconds));
        await nodeA.WaitForAsync(f => f.Any(x => x.ViewerCount == 7), "a count of 7");
        (await room.GetSnapshotAsync(null)).Value!.ViewerCount.ShouldBe(7);

        await room.RemoveNodeAsync("node-b").WaitAsync(Timeout);
        fixture.Time.Advance(TimeSpan.FromMilliseconds(ClusterFixture.FrameIntervalMilliseconds));
        await nodeA.WaitForAsync(f => f[^1].ViewerCount == 3, "a count of 3 once node B left");
    }

    [Fact]
    public async Task QuestionsAreOrderedByVotesThenTimeAndEachPersonVotesOnce()
    {
        var roomId = await CreateRoomAsync();
        var alice = await RegisterAsync(roomId, "alice", "Alice");
        var bob = await RegisterAsync(roomId, "bob", "Bob");
        var early = (await alice.AskQuestionAsync("early")).Value!;
        fixture.Time.Advance(TimeSpan.FromSeconds(1));
        var late = (await bob.AskQuestionAsync("late")).Value!;

        (await alice.UpvoteAsync(late.Id)).Value!.Votes.ShouldBe(1);
        (await alice.UpvoteAsync(late.Id)).Refusal!.Code.ShouldBe(RefusalCode.AlreadyDone);
        await fixture.Cluster.DeactivateAsync(Grains.Room(roomId)).WaitAsync(Timeout);
        (await alice.UpvoteAsync(late.Id)).Refusal!.Code.ShouldBe(RefusalCode.AlreadyDone, "votes are remembered across activations");

        var snapshot = (await Grains.Room(roomId).GetSnapshotAsync(null)).Value!;
        snapshot.Questions.Select(q => (q.Id, q.Votes)).ShouldBe([(late.Id, 1), (early.Id, 0)]);
    }

    [Fact]
    public async Task ChatRateRefillsAsTimePasses()
    {
        var roomId = await CreateRoomAsync();
        var alice = await RegisterAsync(roomId, "alice", "Alice");

        for (var i = 0; i < 5; i++) (await alice.SendChatAsync($"burst {i}")).IsSuccess.ShouldBeTrue();
        (await alice.SendChatAsync("too fast")).Refusal!.Code.ShouldBe(RefusalCode.TooFast);
        fixture.Time.Advance(TimeSpan.FromMilliseconds(500));

        (await alice.SendChatAsync("after half a second")).IsSuccess.ShouldBeTrue("2 per second refills one message in 500 ms");
        (await alice.SendChatAsync("again too fast")).Refusal!.Code.ShouldBe(RefusalCode.TooFast);
    }

    [Fact]
    public async Task MutingStopsAViewerButStaffCannotBeMuted()
    {
        var roomId = await CreateRoomAsync();
        var alice = await RegisterAsync(roomId, "alice", "Alice");
        var host = Grains.Viewer(roomId, "host");
        await host.RegisterAsync("Host", ParticipantRole.Host);

        (await alice.SetMutedAsync(true)).Value!.Muted.ShouldBeTrue();
        (await alice.SendChatAsync("hello")).Refusal!.Code.ShouldBe(RefusalCode.Muted);
        (await host.SetMutedAsync(true)).Refusal!.Code.ShouldBe(RefusalCode.NotAllowed);
        (await Grains.Viewer(roomId, "nobody").SetMutedAsync(true)).Refusal!.Code.ShouldBe(RefusalCode.NotFound);
    }

    [Fact]
    public async Task SomeoneWhoNeverRegisteredCannotChat()
    {
        var roomId = await CreateRoomAsync();

        (await Grains.Viewer(roomId, "ghost").SendChatAsync("boo")).Refusal!.Code.ShouldBe(RefusalCode.NotAllowed);
    }

    [Fact]
    public async Task AnEndedRoomRefusesChatAndQuestionsAndTellsTheNodes()
    {
        var roomId = await CreateRoomAsync();
        var alice = await RegisterAsync(roomId, "alice", "Alice");
        var (node, reference) = Observer();
        await Grains.Room(roomId).UpdateNodeAsync("node", reference, 1);

        (await Grains.Room(roomId).EndAsync()).Value!.Info.Status.ShouldBe(RoomStatus.Ended);

        await node.WaitForAsync(f => f.Any(x => x.Status == RoomStatus.Ended), "the ended status");
        (await alice.SendChatAsync("late")).Refusal!.Code.ShouldBe(RefusalCode.RoomEnded);
        (await alice.AskQuestionAsync("late?")).Refusal!.Code.ShouldBe(RefusalCode.RoomEnded);
        (await Grains.Room(roomId).RotateStreamKeyAsync()).Refusal!.Code.ShouldBe(RefusalCode.RoomEnded);
    }

    [Fact]
    public async Task ARoomThatWasNeverCreatedDoesNotExist()
    {
        var room = Grains.Room(RoomIds.NewRoomId());

        (await room.GetDetailsAsync()).ShouldBeNull();
        (await room.GetSnapshotAsync(null)).Refusal!.Code.ShouldBe(RefusalCode.NotFound);
        (await room.PostChatAsync(new Sender("x", "X", ParticipantRole.Viewer), "hi")).Refusal!.Code.ShouldBe(RefusalCode.NotFound);
    }

    [Fact]
    public async Task CreatingARoomTwiceIsRefusedAndKeepsTheFirst()
    {
        var roomId = await CreateRoomAsync("first");

        var again = await Grains.Room(roomId).CreateAsync(new CreateRoomCommand("second", null, null, "someone"));

        again.Refusal!.Code.ShouldBe(RefusalCode.AlreadyDone);
        (await Grains.Room(roomId).GetDetailsAsync())!.Info.Title.ShouldBe("first");
    }

    [Fact]
    public async Task ANewViewerWaitsUntilTheIdentityIsOldEnoughToSpeak()
    {
        var roomId = await CreateRoomAsync();
        var room = Grains.Room(roomId);
        (await room.SetNewViewerDelayAsync(60).WaitAsync(Timeout)).Value!.NewViewerDelaySeconds.ShouldBe(60);
        var newbie = Grains.Viewer(roomId, "newbie");
        await newbie.RegisterViewerAsync("Newbie", "203.0.113.9").WaitAsync(Timeout);

        var first = await newbie.SendChatAsync("hi").WaitAsync(Timeout);
        fixture.Time.Advance(TimeSpan.FromSeconds(45));
        var second = await newbie.AskQuestionAsync("may I?").WaitAsync(Timeout);
        fixture.Time.Advance(TimeSpan.FromSeconds(15));
        var third = await newbie.SendChatAsync("now?").WaitAsync(Timeout);

        first.Refusal.ShouldBe(Refusals.NewHere(60));
        second.Refusal.ShouldBe(Refusals.NewHere(15));
        third.IsSuccess.ShouldBeTrue("a minute after the identity was issued it may speak");
        (await room.SetNewViewerDelayAsync(-1).WaitAsync(Timeout)).Refusal!.Code.ShouldBe(RefusalCode.Invalid);
    }

    [Fact]
    public async Task BanningAViewerBansTheNetworksItCameFromForThatRoomOnly()
    {
        var roomId = await CreateRoomAsync();
        var otherRoomId = await CreateRoomAsync();
        var troll = Grains.Viewer(roomId, "troll");
        await troll.RegisterViewerAsync("Troll", "198.51.100.7").WaitAsync(Timeout);
        (await troll.JoinFromAsync("2001:db8:1:2::/64").WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
        var sameNetwork = Grains.Viewer(roomId, "second-identity");
        await sameNetwork.RegisterViewerAsync("Innocent", "203.0.113.50").WaitAsync(Timeout);

        var banned = await troll.SetBannedAsync(true).WaitAsync(Timeout);

        banned.Value!.Banned.ShouldBeTrue();
        (await troll.SendChatAsync("spam").WaitAsync(Timeout)).Refusal!.Code.ShouldBe(RefusalCode.Banned);
        (await Grains.Room(roomId).IsAddressBannedAsync(["198.51.100.7"]).WaitAsync(Timeout)).ShouldBeTrue("the network it was issued to");
        (await Grains.Room(roomId).IsAddressBannedAsync(["2001:db8:1:2::/64"]).WaitAsync(Timeout)).ShouldBeTrue("a network it joined from");
        (await Grains.Room(otherRoomId).IsAddressBannedAsync(["198.51.100.7"]).WaitAsync(Timeout)).ShouldBeFalse("bans are per room");
        (await sameNetwork.JoinFromAsync("198.51.100.7").WaitAsync(Timeout)).Refusal.ShouldBe(Refusals.AddressBanned);
        (await sameNetwork.SendChatAsync("hello").WaitAsync(Timeout)).Refusal.ShouldBe(Refusals.AddressBanned, "it joined from a banned network");
        (await Grains.Room(roomId).GetModerationAsync().WaitAsync(Timeout))!.BannedAddresses.ShouldBe(2);

        (await troll.SetBannedAsync(false).WaitAsync(Timeout)).Value!.Banned.ShouldBeFalse();
        (await troll.SendChatAsync("sorry").WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();
        (await Grains.Room(roomId).GetModerationAsync().WaitAsync(Timeout))!.BannedAddresses.ShouldBe(0);
    }

    private async Task<string> CreateRoomAsync(string title = "test room")
    {
        var roomId = RoomIds.NewRoomId();
        var created = await Grains.Room(roomId).CreateAsync(new CreateRoomCommand(title, null, null, "tester")).WaitAsync(Timeout);
        created.IsSuccess.ShouldBeTrue();
        return roomId;
    }

    private async Task<IViewerGrain> RegisterAsync(string roomId, string id, string name)
    {
        var viewer = Grains.Viewer(roomId, id);
        await viewer.RegisterAsync(name, ParticipantRole.Viewer).WaitAsync(Timeout);
        return viewer;
    }

    private (RecordingObserver Node, INodeObserver Reference) Observer()
    {
        var node = new RecordingObserver();
        return (node, fixture.Client.CreateObjectReference<INodeObserver>(node));
    }
}
