namespace LiveRoom.LoadTests;

/// <summary>An anonymous viewer identity for one room, as <c>POST /api/rooms/{id}/viewers</c> returns it.</summary>
internal sealed record ViewerIdentity(string ViewerId, string DisplayName, string AccessToken);
