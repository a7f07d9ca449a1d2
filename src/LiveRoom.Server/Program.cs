using LiveRoom.Server.Startup;
var app = LiveRoomHost.Build(args);
await app.RunAsync();

/// <summary>The entry point (public for test hosts).</summary>
public partial class Program;
