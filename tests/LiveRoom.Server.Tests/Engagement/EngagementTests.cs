using LiveRoom.Contracts.Engagement;
using LiveRoom.Server.Engagement;
using LiveRoom.Storage.Database;
using LiveRoom.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRoom.Server.Tests.Engagement;

/// <summary>What viewers do is counted by their grains, written in batches, and watch time comes from the connection.</summary>
public sealed class EngagementTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Fact]
    public async Task AViewersJoinChatQuestionVoteAndWatchTimeAreCountedAndStaffAreNot()
    {
        var room = await Server.CreateRoomAsync("counted").WaitAsync(RoomClient.CallTimeout);
        await using (var viewer = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Counted"))
        {
            await viewer.SendChatAsync("one");
            await viewer.SendChatAsync("two");
            var question = await viewer.AskAsync("A question?");
            await using var other = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Voter");
            await other.UpvoteAsync(question.Id);
            await using var host = await RoomClient.JoinAsStaffAsync(Server, room.Id);
            await host.SendChatAsync("staff do not count");

            // As if a minute had passed: the tracker counts the time watched so far.
            await Task.Delay(1100);
            Server.Services.GetRequiredService<WatchTimeTracker>().CountAll();
        }

        await Task.Delay(300);
        await Server.Services.GetRequiredService<IEngagementLog>().FlushAsync().WaitAsync(RoomClient.CallTimeout);
        var counts = await CountsAsync(room.Id);

        counts.ShouldContainKeyAndValue("join", 2);
        counts.ShouldContainKeyAndValue("chat", 2);
        counts.ShouldContainKeyAndValue("question", 1);
        counts.ShouldContainKeyAndValue("upvote", 1);
        counts["watch"].ShouldBeGreaterThanOrEqualTo(2, "at least a second for each viewer");
        (await ViewersAsync(room.Id)).ShouldBe(2, "the host is not counted");
    }

    private async Task<Dictionary<string, long>> CountsAsync(string roomId)
    {
        await using var connection = await Server.Services.GetRequiredService<LiveRoomDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, SUM(amount) FROM engagement_events WHERE room_id = @roomId GROUP BY kind;";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@roomId";
        parameter.Value = roomId;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>();
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private async Task<long> ViewersAsync(string roomId)
    {
        await using var connection = await Server.Services.GetRequiredService<LiveRoomDatabase>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(DISTINCT viewer_id) FROM engagement_events WHERE room_id = @roomId;";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@roomId";
        parameter.Value = roomId;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
