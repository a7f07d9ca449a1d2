namespace LiveRoom.Contracts.Funnel;

/// <summary>
/// Which part of the audience a funnel is about: one room (or every room when <paramref name="RoomId"/> is null),
/// and optionally a time range [<paramref name="From"/>, <paramref name="To"/>): viewers by their first visit,
/// timeline minutes by their minute, leads by when they were left, calls by when they started.
/// </summary>
public sealed record FunnelQuery(string? RoomId, DateTimeOffset? From, DateTimeOffset? To);
