namespace LiveRoom.Contracts.Common;

/// <summary>Why a command was refused. <see cref="Message"/> is safe to show to the user who sent it.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.Refusal")]
public sealed record Refusal([property: Id(0)] RefusalCode Code, [property: Id(1)] string Message);
