namespace LiveRoom.Contracts.Calls;

/// <summary>The signal types participants may exchange.</summary>
public static class SignalTypes
{
    public const string Offer = "offer";
    public const string Answer = "answer";
    public const string Candidate = "candidate";
    public const string Media = "media";

    public static bool IsKnown(string type) => type is Offer or Answer or Candidate or Media;
}
