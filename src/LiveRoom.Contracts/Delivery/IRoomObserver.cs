using Orleans.Concurrency;

namespace LiveRoom.Contracts.Delivery;

/// <summary>A web node's listener for one room. The room grain sends it one frame per coalescing window.</summary>
[Alias("LiveRoom.IRoomObserver")]
public interface IRoomObserver : IGrainObserver
{
    [OneWay, Alias("OnFrame")]
    Task OnFrameAsync(RoomFrame frame);
}
