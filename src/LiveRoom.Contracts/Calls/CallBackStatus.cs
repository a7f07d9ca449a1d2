namespace LiveRoom.Contracts.Calls;

public enum CallBackStatus
{
    Open,
    Done,
}
