namespace LiveRoom.Contracts.Calls;

/// <summary>A file that was just stored for a call, to be registered with it: its id, what it is, its checked name and type.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallFileUpload")]
public sealed record CallFileUpload(
    [property: Id(0)] string Id,
    [property: Id(1)] CallFileKind Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] string ContentType,
    [property: Id(4)] long Size);
