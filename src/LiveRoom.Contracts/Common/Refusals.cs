namespace LiveRoom.Contracts.Common;

/// <summary>Every refusal a user can be shown, built in one place so the wording stays consistent.</summary>
public static class Refusals
{
    public static Refusal RoomNotFound { get; } = new(RefusalCode.NotFound, "This room does not exist.");
    public static Refusal RoomEnded { get; } = new(RefusalCode.RoomEnded, "This room has ended.");
    public static Refusal QuestionNotFound { get; } = new(RefusalCode.NotFound, "That question does not exist.");
    public static Refusal MessageNotFound { get; } = new(RefusalCode.NotFound, "That message does not exist.");
    public static Refusal EmptyText { get; } = new(RefusalCode.Invalid, "The message is empty.");
    public static Refusal Muted { get; } = new(RefusalCode.Muted, "You have been muted in this room.");
    public static Refusal Banned { get; } = new(RefusalCode.Banned, "You have been removed from this room.");
    public static Refusal AlreadyVoted { get; } = new(RefusalCode.AlreadyDone, "You have already upvoted this question.");
    public static Refusal NotJoined { get; } = new(RefusalCode.NotAllowed, "Join the room first.");
    public static Refusal QuestionClosed { get; } = new(RefusalCode.Invalid, "That question is no longer open.");

    public static Refusal AddressBanned { get; } = new(RefusalCode.Banned, "Your network address has been removed from this room.");

    public static Refusal TooManyConnections(int max) =>
        new(RefusalCode.TooManyConnections, $"This identity is already connected {max} times to this room (at most {max}). Close another tab or window and try again.");

    public static Refusal NewHere(int waitSeconds) =>
        new(RefusalCode.NewHere, waitSeconds == 1
            ? "New here: you can send your first message in 1 second."
            : $"New here: you can send your first message in {waitSeconds} seconds.");

    public static Refusal TooLong(string what, int max) =>
        new(RefusalCode.TooLong, $"The {what} is too long: at most {max} characters.");

    public static Refusal TooFast(string what) =>
        new(RefusalCode.TooFast, $"You are sending {what} too fast. Wait a moment and try again.");
}
