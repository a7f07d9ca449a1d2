using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Live;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Grains.Tests;

/// <summary>Delivery to named people on the nodes that hold them, and the room telling its ingest node to close a publisher.</summary>
public sealed class PresenceTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task APersonalEventReachesEveryNodeHoldingThatPersonAndNoOtherNode()
    {
        var person = "v_" + Guid.NewGuid().ToString("N")[..16];
        var (first, firstRef) = Observer();
        var (second, secondRef) = Observer();
        var (stranger, strangerRef) = Observer();
        await Grains.Presence(person).UpdateNodeAsync("node-1", firstRef, 1).WaitAsync(Timeout);
        await Grains.Presence(person).UpdateNodeAsync("node-2", secondRef, 2).WaitAsync(Timeout);
        await Grains.Presence("v_someoneelse" + Guid.NewGuid().ToString("N")[..8]).UpdateNodeAsync("node-3", strangerRef, 1).WaitAsync(Timeout);

        await Grains.Presence(person).SendAsync(new TestNote("hello")).WaitAsync(Timeout);

        await first.WaitUntilAsync(() => first.Personal.Count == 1, "the note on the first node");
        await second.WaitUntilAsync(() => second.Personal.Count == 1, "the note on the second node");
        first.Personal[0].PersonId.ShouldBe(person);
        first.Personal[0].Event.ShouldBe(new TestNote("hello"));
        (await Grains.Presence(person).IsOnlineAsync()).ShouldBeTrue();
        stranger.Personal.ShouldBeEmpty("a node that does not hold the person gets nothing");
    }

    [Fact]
    public async Task ANodeThatLetGoOfThePersonGetsNothingMore()
    {
        var person = "u_" + Guid.NewGuid().ToString("N")[..16];
        var (node, reference) = Observer();
        var presence = Grains.Presence(person);
        await presence.UpdateNodeAsync("node-1", reference, 1).WaitAsync(Timeout);
        await presence.SendAsync(new TestNote("first")).WaitAsync(Timeout);
        await node.WaitUntilAsync(() => node.Personal.Count == 1, "the first note");

        await presence.RemoveNodeAsync("node-1").WaitAsync(Timeout);
        await presence.SendAsync(new TestNote("second")).WaitAsync(Timeout);
        await presence.UpdateNodeAsync("node-1", reference, 0).WaitAsync(Timeout);

        (await presence.IsOnlineAsync()).ShouldBeFalse();
        // A third note after coming back proves the second had its chance to arrive and did not.
        await presence.UpdateNodeAsync("node-1", reference, 1).WaitAsync(Timeout);
        await presence.SendAsync(new TestNote("third")).WaitAsync(Timeout);
        await node.WaitUntilAsync(() => node.Personal.Count == 2, "the third note");
        node.Personal.Select(p => ((TestNote)p.Event).Text).ShouldBe(["first", "third"]);
    }

    [Fact]
    public async Task EndingARoomTellsItsIngestNodeToCloseThePublisherAtOnce()
    {
        var details = (await Grains.Room(RoomIds.NewRoomId()).CreateAsync(new CreateRoomCommand("Closing", null, null, "u_host"))).Value!;
        var room = Grains.Room(details.Info.Id);
        var (ingest, reference) = Observer();
        (await room.StartPublishingFromAsync(details.StreamKey, "session-1", "127.0.0.1:1@1", reference).WaitAsync(Timeout)).IsSuccess.ShouldBeTrue();

        await room.EndAsync().WaitAsync(Timeout);

        await ingest.WaitUntilAsync(() => ingest.PublisherStops.Count == 1, "the publisher stop");
        ingest.PublisherStops[0].ShouldBe(new PublisherStop(details.Info.Id, "session-1", PublisherStopReason.RoomEnded));
    }

    [Fact]
    public async Task RotatingWithDisconnectTellsTheIngestNodeWhy()
    {
        var details = (await Grains.Room(RoomIds.NewRoomId()).CreateAsync(new CreateRoomCommand("Leaked", null, null, "u_host"))).Value!;
        var room = Grains.Room(details.Info.Id);
        var (ingest, reference) = Observer();
        await room.StartPublishingFromAsync(details.StreamKey, "leaked", "127.0.0.1:1@1", reference).WaitAsync(Timeout);

        await room.RotateStreamKeyAndDisconnectAsync().WaitAsync(Timeout);

        await ingest.WaitUntilAsync(() => ingest.PublisherStops.Count == 1, "the publisher stop");
        ingest.PublisherStops[0].Reason.ShouldBe(PublisherStopReason.Disconnected);
        ingest.PublisherStops[0].SessionId.ShouldBe("leaked");
    }

    private (RecordingObserver Node, INodeObserver Reference) Observer()
    {
        var node = new RecordingObserver();
        return (node, fixture.Client.CreateObjectReference<INodeObserver>(node));
    }
}
