namespace LiveRoom.Contracts.Webhooks;

/// <summary>A product's clicks in one <see cref="CardClickedData"/> batch: how many, by how many different viewers.</summary>
public sealed record CardClickTotal(string ProductId, string Title, int Clicks, int Viewers);
