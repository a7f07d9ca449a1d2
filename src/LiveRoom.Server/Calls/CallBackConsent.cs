using LiveRoom.Contracts.Common;

namespace LiveRoom.Server.Calls;

/// <summary>The consent a viewer gives on the call-back form, word for word as the viewer's page shows it.</summary>
public static class CallBackConsent
{
    /// <summary>Call-back consents are version 0: their wording is the product's, not a room's form.</summary>
    public const int Version = 0;

    public static LocalizedText Text { get; } = new("I agree to be contacted about this request.", "我同意就此请求被联系。");
}
