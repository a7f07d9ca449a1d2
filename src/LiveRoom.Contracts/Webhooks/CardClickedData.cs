namespace LiveRoom.Contracts.Webhooks;

/// <summary>
/// The <c>data</c> of <c>card.clicked</c>: the clicks on a room's product cards during one batch window
/// (<see cref="From"/> to <see cref="To"/>), each with who clicked (their LiveRoom id and chosen name, nothing
/// else), and per product how many clicks and how many different viewers.
/// </summary>
public sealed record CardClickedData(string RoomId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<CardClick> Clicks, IReadOnlyList<CardClickTotal> Products);
