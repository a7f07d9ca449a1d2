namespace LiveRoom.Server.Channels;

/// <summary>The room's private channel: its QR code and counting redirect (see docs/CHANNELS.md).</summary>
public static class ChannelsFeature
{
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapChannels(this WebApplication app)
    {
        app.MapChannelsApi();
        return app;
    }
}
