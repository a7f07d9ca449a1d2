namespace LiveRoom.Contracts.Calls;

[GenerateSerializer, Alias("LiveRoom.CallRole")]
public enum CallRole
{
    Viewer,
    Agent,
}
