using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// A file shared in a call (or a snapshot), kept with the call. Its bytes are private: only the call's
/// participants and staff who take calls download them, at <see cref="Url"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.CallFile")]
[DataContract]
public sealed record CallFile(
    [property: Id(0), DataMember(Name = "id")] string Id,
    [property: Id(1), DataMember(Name = "callId")] string CallId,
    [property: Id(2), DataMember(Name = "kind")] CallFileKind Kind,
    [property: Id(3), DataMember(Name = "name")] string Name,
    [property: Id(4), DataMember(Name = "contentType")] string ContentType,
    [property: Id(5), DataMember(Name = "size")] long Size,
    [property: Id(6), DataMember(Name = "uploadedBy")] CallParticipant UploadedBy,
    [property: Id(7), DataMember(Name = "uploadedAt")] DateTimeOffset UploadedAt)
{
    /// <summary>Where the file is downloaded (with the caller's token).</summary>
    [DataMember(Name = "url")]
    public string Url => $"/api/calls/{CallId}/files/{Id}";
}
