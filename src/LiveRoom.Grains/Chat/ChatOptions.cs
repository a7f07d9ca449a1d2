using System.ComponentModel.DataAnnotations;

namespace LiveRoom.Grains.Chat;

/// <summary>The rules of a room's chat and Q&amp;A.</summary>
public sealed class ChatOptions
{
    public const string SectionName = "LiveRoom:Chat";

    [Range(1, 10_000)]
    public int MaxMessageLength { get; set; } = 500;

    [Range(0.01, 10_000)]
    public double MessagesPerSecond { get; set; } = 2;

    [Range(1, 10_000)]
    public int Burst { get; set; } = 5;

    [Range(1, 10_000)]
    public int MaxQuestionLength { get; set; } = 300;

    [Range(0.01, 100_000)]
    public double QuestionsPerMinute { get; set; } = 6;

    [Range(1, 10_000)]
    public int QuestionBurst { get; set; } = 3;

    [Range(1, 20_000)]
    public int MaxAnswerLength { get; set; } = 2_000;

    /// <summary>How many recent messages a joining viewer receives.</summary>
    [Range(0, 1_000)]
    public int RecentChatCount { get; set; } = 100;
}
