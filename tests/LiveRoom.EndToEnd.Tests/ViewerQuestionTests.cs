
using static Microsoft.Playwright.Assertions;

namespace LiveRoom.EndToEnd.Tests;

public sealed class ViewerQuestionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task An_upvoted_question_moves_to_the_top_with_its_new_vote_count_for_both_viewers()
    {
        var room = await fixture.Server.CreateRoomAsync(BrowserFixture.UniqueTitle("Q&A"), TestContext.Current.CancellationToken).Limit();
        await using var phone = await fixture.NewContextAsync(phone: true);
        await using var desktop = await fixture.NewContextAsync();
        var asker = await ViewerPage.OpenAsync(phone, $"r/{room.Id}");
        var voter = await ViewerPage.OpenAsync(desktop, $"r/{room.Id}");
        await asker.JoinAsync("Asker");
        await voter.JoinAsync("Voter");
        await asker.OpenQuestionsAsync();
        await voter.OpenQuestionsAsync();
        await Expect(voter.Page.GetByText("No questions yet")).ToBeVisibleAsync();

        await asker.AskAsync("Does it work offline?");
        await asker.AskAsync("How much does it cost?");

        // Equal votes: the older question first.
        await Expect(voter.Questions).ToHaveCountAsync(2);
        await Expect(voter.Questions.Nth(0)).ToContainTextAsync("Does it work offline?");
        await Expect(voter.Questions.Nth(1)).ToContainTextAsync("How much does it cost?");

        var upvote = voter.Question("How much does it cost?").GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Upvote this question" });
        await upvote.ClickAsync();

        await Expect(upvote).ToBeDisabledAsync();
        await Expect(upvote).ToHaveTextAsync("Upvoted");
        foreach (var viewer in new[] { voter, asker })
        {
            await Expect(viewer.Questions.Nth(0)).ToContainTextAsync("How much does it cost?");
            await Expect(viewer.Questions.Nth(0).Locator(".question-votes")).ToHaveTextAsync("1 vote");
            await Expect(viewer.Questions.Nth(1)).ToContainTextAsync("Does it work offline?");
            await Expect(viewer.Questions.Nth(1).Locator(".question-votes")).ToHaveTextAsync("0 votes");
        }

        await Expect(asker.Question("How much does it cost?").GetByRole(Microsoft.Playwright.AriaRole.Button)).ToBeEnabledAsync();
        await asker.ScreenshotAsync("viewer-questions-phone");
        asker.Watch.ShouldBeClean();
        voter.Watch.ShouldBeClean();
    }
}
