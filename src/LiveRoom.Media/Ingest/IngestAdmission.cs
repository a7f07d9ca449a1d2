
namespace LiveRoom.Media.Ingest;

/// <summary>The answer to a publish request: a session to write to, or why not.</summary>
public sealed record IngestAdmission(IPublishSession? Session, string? Refusal)
{
    public static IngestAdmission Admit(IPublishSession session) => new(session, null);

    public static IngestAdmission Refuse(string reason) => new(null, reason);
}
