using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Common;

/// <summary>
/// Sent to a caller (hub event <c>refused</c>) just before the error of a refused call, so a client can act
/// on the stable <see cref="Code"/> (<c>too_fast</c>, <c>not_allowed</c>, …) instead of reading the text.
/// </summary>
[DataContract]
public sealed record RefusalNotice(
    [property: DataMember(Name = "method")] string Method,
    [property: DataMember(Name = "code")] string Code,
    [property: DataMember(Name = "message")] string Message);
