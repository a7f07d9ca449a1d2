namespace LiveRoom.LoadTests;

/// <summary>Which SignalR hub protocol the viewer connections speak.</summary>
public enum HubProtocolMix
{
    /// <summary>Half the connections speak JSON, the other half MessagePack (even indexes JSON).</summary>
    Mixed = 0,

    /// <summary>Every connection speaks JSON.</summary>
    Json = 1,

    /// <summary>Every connection speaks MessagePack.</summary>
    MessagePack = 2,
}
