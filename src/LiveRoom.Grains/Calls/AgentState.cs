namespace LiveRoom.Grains.Calls;

/// <summary>An agent as stored: availability, capacity, the calls in progress and the rooms served.</summary>
public sealed class AgentState
{
    public bool Available { get; set; }

    public int Capacity { get; set; } = 1;

    public List<string> ActiveCalls { get; set; } = [];

    public List<string> WatchedRooms { get; set; } = [];
}
