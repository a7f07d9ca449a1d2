using System.Net.Http.Json;
using LiveRoom.Contracts.Questions;
using LiveRoom.Contracts.Viewers;
using LiveRoom.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveRoom.Server.Tests;

public sealed class QuestionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private LiveRoomTestServer Server => fixture.Server;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task QuestionsAreOrderedByVotesThenByTime(bool messagePack)
    {
        var room = await Server.CreateRoomAsync("q&a").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice", messagePack);
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob", messagePack);
        await using var carol = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Carol", !messagePack);

        var first = await alice.AskAsync("What does it cost?");
        var second = await bob.AskAsync("Does it ship abroad?");
        var third = await carol.AskAsync("Is there a warranty?");
        await alice.UpvoteAsync(third.Id);
        var thirdNow = await bob.UpvoteAsync(third.Id);
        await carol.UpvoteAsync(second.Id);

        thirdNow.Votes.ShouldBe(2);
        var seen = await alice.Questions.WaitForAsync(q => q.Any(x => x.Id == second.Id && x.Votes == 1) && q.Any(x => x.Id == third.Id && x.Votes == 2), "the votes");
        var latest = seen.GroupBy(q => q.Id).Select(g => g.Last()).Order(QuestionOrder.Instance).Select(q => q.Id);
        latest.ShouldBe([third.Id, second.Id, first.Id]);

        await using var late = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Late", messagePack);
        late.Snapshot!.Questions.Select(q => (q.Id, q.Votes)).ShouldBe([(third.Id, 2), (second.Id, 1), (first.Id, 0)]);
    }

    [Fact]
    public async Task AViewerCanUpvoteAQuestionOnlyOnce()
    {
        var room = await Server.CreateRoomAsync("one vote").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        await using var bob = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Bob");
        var question = await alice.AskAsync("How long is the battery life?");

        (await bob.UpvoteAsync(question.Id)).Votes.ShouldBe(1);
        var again = await Should.ThrowAsync<HubException>(() => bob.UpvoteAsync(question.Id));

        again.Message.ShouldContain("already upvoted");
        await using var late = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Late");
        late.Snapshot!.Questions.Single().Votes.ShouldBe(1);
    }

    [Fact]
    public async Task UpvotingAQuestionThatDoesNotExistIsRefused()
    {
        var room = await Server.CreateRoomAsync("missing question").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");

        (await Should.ThrowAsync<HubException>(() => alice.UpvoteAsync("999"))).Message.ShouldContain("does not exist");
        (await Should.ThrowAsync<HubException>(() => alice.UpvoteAsync("not-a-number"))).Message.ShouldContain("does not exist");
    }

    [Fact]
    public async Task StaffAnswersPinsAndDismissesAndEveryoneSeesIt()
    {
        var room = await Server.CreateRoomAsync("moderation").WaitAsync(RoomClient.CallTimeout);
        await using var staff = await RoomClient.JoinAsStaffAsync(Server, room.Id);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice", messagePack: true);
        var price = await alice.AskAsync("What does it cost?");
        var colour = await alice.AskAsync("Which colours are there?");
        var offTopic = await alice.AskAsync("Who won the match?");

        var answered = await staff.Connection.InvokeAsync<Question>("AnswerQuestion", room.Id, price.Id, "199 yuan this week").WaitAsync(RoomClient.CallTimeout);
        await staff.Connection.InvokeAsync<Question>("PinQuestion", room.Id, price.Id, true).WaitAsync(RoomClient.CallTimeout);
        await staff.Connection.InvokeAsync<Question>("PinQuestion", room.Id, colour.Id, true).WaitAsync(RoomClient.CallTimeout);
        await staff.Connection.InvokeAsync<Question>("DismissQuestion", room.Id, offTopic.Id).WaitAsync(RoomClient.CallTimeout);

        answered.Status.ShouldBe(QuestionStatus.Answered);
        answered.AnsweredBy!.Role.ShouldBe(ParticipantRole.Admin);
        var seen = await alice.Questions.WaitForAsync(
            q => q.Any(x => x.Id == offTopic.Id && x.Status == QuestionStatus.Dismissed) && q.Any(x => x.Id == colour.Id && x.Pinned),
            "the moderation");
        var latest = seen.GroupBy(q => q.Id).ToDictionary(g => g.Key, g => g.Last());
        latest[price.Id].Answer.ShouldBe("199 yuan this week");
        latest[price.Id].Pinned.ShouldBeFalse("pinning another question unpins the first");
        latest[colour.Id].Pinned.ShouldBeTrue();
    }

    [Fact]
    public async Task QuestionsAreReadableWithoutJoiningAndDismissedOnesAreLeftOut()
    {
        var room = await Server.CreateRoomAsync("read-only q&a").WaitAsync(RoomClient.CallTimeout);
        await using var staff = await RoomClient.JoinAsStaffAsync(Server, room.Id);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");
        var kept = await alice.AskAsync("Kept?");
        var dropped = await alice.AskAsync("Dropped?");
        await staff.Connection.InvokeAsync<Question>("DismissQuestion", room.Id, dropped.Id).WaitAsync(RoomClient.CallTimeout);
        using var http = Server.CreateHttpClient();

        var questions = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/rooms/{room.Id}/questions");

        questions.EnumerateArray().Select(q => q.GetProperty("id").GetString()).ShouldBe([kept.Id]);
    }

    [Fact]
    public async Task AskingTooManyQuestionsTooFastIsRefused()
    {
        var room = await Server.CreateRoomAsync("question rate").WaitAsync(RoomClient.CallTimeout);
        await using var alice = await RoomClient.JoinAsViewerAsync(Server, room.Id, "Alice");

        for (var i = 0; i < 3; i++) await alice.AskAsync($"question {i}");

        (await Should.ThrowAsync<HubException>(() => alice.AskAsync("question 4"))).Message.ShouldContain("too fast");
    }
}
