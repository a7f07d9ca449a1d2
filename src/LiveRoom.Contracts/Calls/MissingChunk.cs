using System.Runtime.Serialization;

namespace LiveRoom.Contracts.Calls;

/// <summary>A chunk of a recording that never arrived: a gap in the <c>seq</c>s of one take.</summary>
[GenerateSerializer, Immutable, Alias("LiveRoom.MissingChunk")]
[DataContract]
public sealed record MissingChunk(
    [property: Id(0), DataMember(Name = "take")] int Take,
    [property: Id(1), DataMember(Name = "seq")] int Seq);
