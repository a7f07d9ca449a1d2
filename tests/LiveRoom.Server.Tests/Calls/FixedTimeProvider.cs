namespace LiveRoom.Server.Tests.Calls;

/// <summary>A clock that shows one instant, so minted expiries can be checked exactly.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
