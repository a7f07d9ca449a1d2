namespace LiveRoom.Contracts.Webhooks;

/// <summary>The <c>data</c> of <c>question.asked</c>: who asked (their LiveRoom id and the name they chose, nothing else) and what.</summary>
public sealed record QuestionAskedData(string RoomId, string RoomTitle, string QuestionId, string Text, string AskedById, string AskedByName, DateTimeOffset AskedAt);
