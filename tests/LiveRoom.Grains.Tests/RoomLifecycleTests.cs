using LiveRoom.Contracts.Common;
using LiveRoom.Contracts.Delivery;
using LiveRoom.Contracts.Rooms;

namespace LiveRoom.Grains.Tests;

public sealed class RoomLifecycleTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>A silo address (with generation) no silo of the test cluster has: a process that died.</summary>
    private const string GoneNode = "127.0.0.1:1@1";

    /// <summary>A silo address no silo of the test cluster knows, started after them all (the largest generation).</summary>
    private const string NewerNode = "127.0.0.1:1@2147483647";

    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task TheRightKeyMakesTheRoomLiveAndEveryNodeHearsIt()
    {
        var (room, details) = await CreateRoomAsync();
        var node = await ListenAsync(room);

        var grant = await room.StartPublishingAsync(details.StreamKey, "session-1").WaitAsync(Timeout);

        grant.Value!.Resumed.ShouldBeFalse();
        (await room.GetDetailsAsync())!.Info.Status.ShouldBe(RoomStatus.Live);
        await node.WaitForAsync(f => f.Any(x => x.Status == RoomStatus.Live), "the live status");
    }

    [Fact]
    public async Task AWrongKeyAnEndedRoomAndASecondPublisherAreRefused()
    {
        var (room, details) = await CreateRoomAsync();

        (await room.StartPublishingAsync(RoomIds.NewStreamKey(details.Info.Id), "s1")).Refusal!.Message.ShouldContain("Wrong stream key");
        (await room.StartPublishingAsync(details.StreamKey, "s1")).IsSuccess.ShouldBeTrue();
        (await room.StartPublishingAsync(details.StreamKey, "s2")).Refusal!.Message.ShouldContain("already publishing");
        await room.EndAsync();
        (await room.StartPublishingAsync(details.StreamKey, "s3")).Refusal!.Code.ShouldBe(RefusalCode.RoomEnded);
    }

    [Fact]
    public async Task RotatingWithDisconnectInterruptsTheRoomAndOnlyTheNewKeyResumesIt()
    {
        var (room, details) = await CreateRoomAsync();
        var node = await ListenAsync(room);
        await room.StartPublishingAsync(details.StreamKey, "leaked");
        (await room.IsPublishingAsync("leaked")).ShouldBeTrue();

        var rotated = await room.RotateStreamKeyAndDisconnectAsync().WaitAsync(Timeout);

        rotated.Value!.StreamKey.ShouldNotBe(details.StreamKey);
        rotated.Value.Info.Status.ShouldBe(RoomStatus.Interrupted);
        await node.WaitForAsync(f => f.Any(x => x.Status == RoomStatus.Interrupted), "the interruption");
        (await room.IsPublishingAsync("leaked")).ShouldBeFalse("the node holding the connection closes it");
        await room.StopPublishingAsync("leaked");
        (await room.StartPublishingAsync(details.StreamKey, "again")).Refusal!.Message.ShouldContain("Wrong stream key");
        (await room.StartPublishingAsync(rotated.Value.StreamKey, "owner")).Value!.Resumed.ShouldBeTrue();
        (await room.IsPublishingAsync("owner")).ShouldBeTrue();
    }

    [Fact]
    public async Task APublisherThatComesBackWithinTheGracePeriodResumes()
    {
        var (room, details) = await CreateRoomAsync();
        var node = await ListenAsync(room);
        await room.StartPublishingAsync(details.StreamKey, "first");

        await room.StopPublishingAsync("first");
        await node.WaitForAsync(f => f.Any(x => x.Status == RoomStatus.Interrupted), "the interruption");
        fixture.Time.Advance(TimeSpan.FromSeconds(ClusterFixture.GracePeriodSeconds - 5));
        var grant = await room.StartPublishingAsync(details.StreamKey, "second");

        grant.Value!.Resumed.ShouldBeTrue();
        (await room.GetDetailsAsync())!.Info.Status.ShouldBe(RoomStatus.Live);
        fixture.Time.Advance(TimeSpan.FromSeconds(10));
        (await room.GetDetailsAsync())!.Info.Status.ShouldBe(RoomStatus.Live, "the grace timer is cancelled once the publisher is back");
    }

    [Fact]
    public async Task ARoomWhosePublisherDoesNotComeBackEndsAfterTheGracePeriod()
    {
        var (room, details) = await CreateRoomAsync();
        var node = await ListenAsync(room);
        await room.StartPublishingAsync(details.StreamKey, "only");
        await room.StopPublishingAsync("only");

        fixture.Time.Advance(TimeSpan.FromSeconds(ClusterFixture.GracePeriodSeconds + 1));

        await node.WaitForAsync(f => f.Any(x => x.Status == RoomStatus.Ended), "the end after the grace period");
        (await room.GetDetailsAsync())!.Info.Status.ShouldBe(RoomStatus.Ended);
    }

    [Fact]
    public async Task AStaleSessionStoppingDoesNotInterruptTheCurrentOne()
    {
        var (room, details) = await CreateRoomAsync();
        await room.StartPublishingAsync(details.StreamKey, "old");
        await room.StopPublishingAsync("old");
        await room.StartPublishingAsync(details.StreamKey, "new");

        await room.StopPublishingAsync("old");

        (await room.GetDetailsAsync())!.Info.Status.ShouldBe(RoomStatus.Live);
    }

    [Fact]
    public async Task ARoomLiveOnANodeThatIsGoneIsInterruptedWhenCheckedAndItsPublisherResumes()
    {
        var (room, details) = await CreateRoomAsync();
        var node = await ListenAsync(room);
        await room.StartPublishingFromAsync(details.StreamKey, "crashed", GoneNode, null).WaitAsync(Timeout);

        (await room.CheckIngestAsync().WaitAsync(Timeout)).ShouldBe(RoomStatus.Interrupted);

        await node.WaitForAsync(f => f.Any(x => x.Status == RoomStatus.Interrupted), "the interruption of a room whose node is gone");
        var grant = await room.StartPublishingAsync(details.StreamKey, "back").WaitAsync(Timeout);
        grant.Value!.Resumed.ShouldBeTrue();
        (await room.GetDetailsAsync())!.Info.Status.ShouldBe(RoomStatus.Live);
    }

    [Fact]
    public async Task APublisherGetsIntoARoomLeftLiveByANodeThatIsGone()
    {
        var (room, details) = await CreateRoomAsync();
        await room.StartPublishingFromAsync(details.StreamKey, "crashed", GoneNode, null).WaitAsync(Timeout);

        var grant = await room.StartPublishingAsync(details.StreamKey, "back").WaitAsync(Timeout);

        grant.IsSuccess.ShouldBeTrue(grant.Refusal?.Message);
        grant.Value!.Resumed.ShouldBeTrue();
        (await room.StartPublishingAsync(details.StreamKey, "third").WaitAsync(Timeout)).Refusal!.Message.ShouldContain("already publishing", customMessage: "the new publisher's node runs");
    }

    [Fact]
    public async Task ARoomLiveOnARunningNodeStaysLiveWhenChecked()
    {
        var (room, details) = await CreateRoomAsync();
        await room.StartPublishingAsync(details.StreamKey, "here").WaitAsync(Timeout);

        (await room.CheckIngestAsync().WaitAsync(Timeout)).ShouldBe(RoomStatus.Live);
    }

    [Fact]
    public async Task ARoomLiveOnANodeThatJoinedAfterThisSiloAndIsNotKnownYetStaysLive()
    {
        var (room, details) = await CreateRoomAsync();
        await room.StartPublishingFromAsync(details.StreamKey, "elsewhere", NewerNode, null).WaitAsync(Timeout);

        (await room.CheckIngestAsync().WaitAsync(Timeout)).ShouldBe(RoomStatus.Live, "a silo that just joined may not be known yet");
        (await room.StartPublishingAsync(details.StreamKey, "second").WaitAsync(Timeout)).Refusal!.Message.ShouldContain("already publishing");
    }

    [Fact]
    public async Task ARoomWhoseNodeIsGoneEndsAfterTheGracePeriodWithoutItsPublisher()
    {
        var (room, details) = await CreateRoomAsync();
        var node = await ListenAsync(room);
        await room.StartPublishingFromAsync(details.StreamKey, "crashed", GoneNode, null).WaitAsync(Timeout);
        await room.CheckIngestAsync().WaitAsync(Timeout);

        fixture.Time.Advance(TimeSpan.FromSeconds(ClusterFixture.GracePeriodSeconds + 1));

        await node.WaitForAsync(f => f.Any(x => x.Status == RoomStatus.Ended), "the end after the grace period");
    }

    private async Task<(IRoomGrain Room, RoomDetails Details)> CreateRoomAsync()
    {
        var room = Grains.Room(RoomIds.NewRoomId());
        var created = await room.CreateAsync(new CreateRoomCommand("live test", null, null, "tester")).WaitAsync(Timeout);
        return (room, created.Value!);
    }

    private async Task<RecordingObserver> ListenAsync(IRoomGrain room)
    {
        var node = new RecordingObserver();
        await room.UpdateNodeAsync("node", fixture.Client.CreateObjectReference<INodeObserver>(node), 1).WaitAsync(Timeout);
        fixture.Time.Advance(TimeSpan.FromMilliseconds(ClusterFixture.FrameIntervalMilliseconds));
        return node;
    }
}
