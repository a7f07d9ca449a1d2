using LiveRoom.Contracts.Calls;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Testing;

/// <summary>Every call event one hub connection receives (docs/CALLS.md), collected.</summary>
public sealed class CallInboxes
{
    public CallInboxes(HubConnection connection)
    {
        connection.On<QueueStatus>("queue", s => Queue.Add([s]));
        connection.On<QueueEntry[]>("callQueue", e => CallQueue.Add([e]));
        connection.On<QueueOpenChanged>("callQueueOpen", o => QueueOpen.Add([o]));
        connection.On<CallOffer>("callOffer", o => Offers.Add([o]));
        connection.On<AgentStatus>("agentStatus", s => AgentStatuses.Add([s]));
        connection.On<CallInfo>("callStarted", c => Started.Add([c]));
        connection.On<CallSignal>("signal", s => Signals.Add([s]));
        connection.On<CallEnded>("callEnded", e => Ended.Add([e]));
        connection.On<CallRecordingStatus>("recordingState", s => Recording.Add([s]));
    }

    public Inbox<QueueStatus> Queue { get; } = new("queue");

    public Inbox<QueueEntry[]> CallQueue { get; } = new("callQueue");

    public Inbox<QueueOpenChanged> QueueOpen { get; } = new("callQueueOpen");

    public Inbox<CallOffer> Offers { get; } = new("callOffer");

    public Inbox<AgentStatus> AgentStatuses { get; } = new("agentStatus");

    public Inbox<CallInfo> Started { get; } = new("callStarted");

    public Inbox<CallSignal> Signals { get; } = new("signal");

    public Inbox<CallEnded> Ended { get; } = new("callEnded");

    public Inbox<CallRecordingStatus> Recording { get; } = new("recordingState");
}
