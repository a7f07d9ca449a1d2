namespace LiveRoom.Contracts.Channels;

/// <summary>How a viewer reached the channel: scanning the QR code, or following the link on the page.</summary>
public enum ChannelSource
{
    Qr,
    Link,
}
