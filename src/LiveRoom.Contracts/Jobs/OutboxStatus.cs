namespace LiveRoom.Contracts.Jobs;

public enum OutboxStatus
{
    Pending = 0,
    Done = 1,
    Failed = 2,
}
