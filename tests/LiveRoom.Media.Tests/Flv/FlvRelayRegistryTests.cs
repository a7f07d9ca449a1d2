using System.ComponentModel.DataAnnotations;
using LiveRoom.Media.Flv;
using LiveRoom.Media.Ingest;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRoom.Media.Tests.Flv;

public sealed class FlvRelayRegistryTests
{
    private readonly FlvRelayRegistry _registry = new(Options.Create(new FlvRelayOptions { ClockTags = false }), NullLoggerFactory.Instance);

    [Fact]
    public void ARelayIsFoundFromTheStartOfAPublishToItsEnd()
    {
        _registry.TryGet("room1", out _).ShouldBeFalse();

        var relay = _registry.Start("room1");

        _registry.TryGet("room1", out var found).ShouldBeTrue();
        found.ShouldBeSameAs(relay);
        _registry.TryGet("room2", out _).ShouldBeFalse();
        _registry.Remove(relay);
        relay.IsCompleted.ShouldBeTrue();
        _registry.TryGet("room1", out _).ShouldBeFalse();
        _registry.Count.ShouldBe(0);
    }

    [Fact]
    public void ANewPublishReplacesAnEarlierRelayWhoseLateEndLeavesTheNewOneAlone()
    {
        var earlier = _registry.Start("room1");
        using var viewer = earlier.Subscribe();

        var later = _registry.Start("room1");
        _registry.Remove(earlier);

        later.ShouldNotBeSameAs(earlier);
        viewer.EndReason.ShouldBe(FlvSubscriptionEnd.PublisherEnded, "viewers of the earlier publish see its end and reconnect");
        _registry.TryGet("room1", out var found).ShouldBeTrue();
        found.ShouldBeSameAs(later);
        later.IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public async Task AnAttachedSessionFeedsTheRelayBeforeTheInnerSessionAndRemovesItAtTheEnd()
    {
        var inner = new CountingSession("room1");
        var session = _registry.Attach(inner);
        _registry.TryGet("room1", out var relay).ShouldBeTrue();
        using var viewer = relay.Subscribe();

        foreach (var tag in new[] { TestTags.Metadata(), TestTags.AvcHeader(), TestTags.AacHeader(), TestTags.Keyframe(0, 0) })
        {
            await session.WriteAsync(tag, TestContext.Current.CancellationToken);
        }

        await session.EndAsync(graceful: true, "done");

        inner.Written.ShouldBe(4);
        inner.EndedGracefully.ShouldBe(true);
        session.RoomId.ShouldBe("room1");
        session.Stopping.ShouldBe(inner.Stopping, "the ingest still hears when the server wants the publisher gone");
        FlvTestReader.Parse(FlvTestReader.Drain(viewer)).Tags.Count.ShouldBe(4);
        viewer.EndReason.ShouldBe(FlvSubscriptionEnd.PublisherEnded);
        _registry.TryGet("room1", out _).ShouldBeFalse();
    }

    [Fact]
    public void OptionsRefuseAQueueBoundThatCannotHoldTheGopCache()
    {
        var options = new FlvRelayOptions { MaxGopCacheBytes = 4 * 1024 * 1024, MaxSubscriberQueueBytes = 4 * 1024 * 1024 };

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new(options), results, validateAllProperties: true).ShouldBeFalse();
        results.ShouldContain(r => r.ErrorMessage!.Contains("MaxSubscriberQueueBytes", StringComparison.Ordinal));
        Should.Throw<ArgumentException>(() => new FlvRelay("room1", options, NullLogger<FlvRelay>.Instance));
        var defaults = new FlvRelayOptions();
        Validator.TryValidateObject(defaults, new(defaults), results, validateAllProperties: true).ShouldBeTrue("the defaults are valid");
    }

    private sealed class CountingSession(string roomId) : IPublishSession
    {
        public string RoomId { get; } = roomId;

        public CancellationToken Stopping { get; } = new CancellationTokenSource().Token;

        public int Written { get; private set; }

        public bool? EndedGracefully { get; private set; }

        public ValueTask WriteAsync(FlvTag tag, CancellationToken cancellationToken)
        {
            Written++;
            return ValueTask.CompletedTask;
        }

        public ValueTask EndAsync(bool graceful, string reason)
        {
            EndedGracefully = graceful;
            return ValueTask.CompletedTask;
        }
    }
}
