namespace LiveRoom.Contracts.Channels;

/// <summary>What kind of private channel a room points to (the page shows its name and how to use it).</summary>
public enum ChannelKind
{
    /// <summary>A WeChat official account (公众号).</summary>
    WeChat,

    /// <summary>A WeCom (企业微信) contact or group.</summary>
    WeCom,

    WhatsApp,
    Line,

    /// <summary>Any other web address.</summary>
    Link,
}
