using System.Diagnostics;
using LiveRoom.Media.Transcoding;

namespace LiveRoom.Media.Tests.Transcoding;

public sealed class CommandLineTests
{
    public static TheoryData<string[]> Lists() => new()
    {
        { ["-var_stream_map", "v:0,a:0,name:720p v:1,a:1,name:480p"] },
        { ["", "a b", "tab\there", "line\nbreak"] },
        { ["say \"hi\"", "\"", "\"\"", "a\\\"b"] },
        { ["C:\\folder\\", "trailing\\\\", "\\\\server\\share", "back\\slash"] },
        { ["直播间 录像.mp4", "[0:v]scale=-2:720:flags=bilinear,split=2[v720][c720];[c720]scale=-2:480[v480]", "%v/index.m3u8"] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task AJoinedListIsSplitBackIntoTheSameArguments(string[] arguments)
    {
        // printf receives argv as .NET splits the joined text, and prints each argument NUL-terminated.
        var start = new ProcessStartInfo("printf")
        {
            Arguments = CommandLine.Join(["%s\\0", .. arguments]),
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var printf = Process.Start(start)!;
        var output = await printf.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
        await printf.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));

        output.Split('\0')[..^1].ShouldBe(arguments);
    }

    [Fact]
    public void PlainArgumentsAreLeftAsTheyAre() =>
        CommandLine.Join(["-i", "/data/live/r1/%v/index.m3u8", "-c:v:0", "copy"]).ShouldBe("-i /data/live/r1/%v/index.m3u8 -c:v:0 copy");
}
