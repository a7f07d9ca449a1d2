using Microsoft.Extensions.Configuration.CommandLine;

namespace LiveRoom.Server.Startup;

/// <summary>The documented environment variables, mapped onto settings (command-line arguments still win).</summary>
internal static class LiveRoomConfiguration
{
    private static readonly (string Variable, string Key)[] Variables =
    [
        ("LIVEROOM_DATA", "LiveRoom:DataDirectory"),
        ("LIVEROOM_ADMIN_EMAIL", "LiveRoom:Admin:Email"),
        ("LIVEROOM_ADMIN_PASSWORD", "LiveRoom:Admin:Password"),
    ];

    public static void AddLiveRoomEnvironment(this ConfigurationManager configuration)
    {
        var mapped = Variables
            .Select(v => (v.Key, Value: Environment.GetEnvironmentVariable(v.Variable)))
            .Where(v => !string.IsNullOrEmpty(v.Value))
            .ToDictionary(v => v.Key, v => v.Value);
        if (mapped.Count == 0) return;

        IConfigurationBuilder builder = configuration;
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = mapped };
        var commandLine = builder.Sources.ToList().FindLastIndex(s => s is CommandLineConfigurationSource);
        if (commandLine < 0) builder.Sources.Add(source);
        else builder.Sources.Insert(commandLine, source);
    }
}
