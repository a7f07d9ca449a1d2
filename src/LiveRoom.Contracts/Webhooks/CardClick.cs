namespace LiveRoom.Contracts.Webhooks;

/// <summary>One viewer's click on a product card, in <see cref="CardClickedData"/>.</summary>
public sealed record CardClick(string ProductId, string Title, string ViewerId, string ViewerName, DateTimeOffset At);
