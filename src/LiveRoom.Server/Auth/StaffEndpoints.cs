using System.Security.Claims;
using System.Security.Cryptography;
using LiveRoom.Contracts.Common;
using LiveRoom.Server.Http;
using LiveRoom.Storage.Staff;

namespace LiveRoom.Server.Auth;

public static class StaffEndpoints
{
    public sealed record CreateStaffRequest(string? Email, string? DisplayName, string? Password, string? Role);

    public sealed record StaffView(string Id, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt, bool Disabled);

    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/staff").WithTags("Staff").RequireAuthorization(Roles.AdminPolicy);
        staff.MapGet("/", ListAsync);
        staff.MapPost("/", CreateAsync);
        staff.MapPost("/{id}/disable", (string id, HttpContext context, IStaffAccounts accounts, StaffSessions sessions, CancellationToken cancellationToken) =>
            ChangeAsync(id, context, accounts, sessions, "disabled", a => a.SetDisabledAsync(id, true, cancellationToken)));
        staff.MapPost("/{id}/enable", (string id, HttpContext context, IStaffAccounts accounts, StaffSessions sessions, CancellationToken cancellationToken) =>
            ChangeAsync(id, context, accounts, sessions, "enabled", a => a.SetDisabledAsync(id, false, cancellationToken)));
        staff.MapDelete("/{id}", (string id, HttpContext context, IStaffAccounts accounts, StaffSessions sessions, CancellationToken cancellationToken) =>
            ChangeAsync(id, context, accounts, sessions, "deleted", a => a.DeleteAsync(id, cancellationToken)));
        return app;
    }

    /// <summary>A new staff user id.</summary>
    public static string NewUserId() => "u_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static async Task<IResult> ListAsync(IStaffAccounts accounts, CancellationToken cancellationToken) =>
        Results.Ok((await accounts.ListAsync(cancellationToken)).Select(ToView));

    private static async Task<IResult> CreateAsync(CreateStaffRequest request, IStaffAccounts accounts, TimeProvider time, CancellationToken cancellationToken)
    {
        var email = request.Email?.Trim() ?? string.Empty;
        if (email.Length is < 3 or > 254 || !email.Contains('@', StringComparison.Ordinal) || email.Any(char.IsWhiteSpace))
        {
            return Problems.BadRequest("A valid email is required.");
        }

        var name = TextRules.CheckDisplayName(request.DisplayName);
        if (!name.IsSuccess) return Problems.From(name.Refusal!);
        if (!Roles.TryParseStaff(request.Role, out var role))
        {
            return Problems.BadRequest("The role must be one of admin, host, agent, marketer.");
        }

        if (request.Password is null || request.Password.Length < PasswordHashing.MinimumLength)
        {
            return Problems.BadRequest($"The password must be at least {PasswordHashing.MinimumLength} characters.");
        }

        var account = new StaffAccount(NewUserId(), email, name.Value!, role, PasswordHashing.Hash(request.Password), time.GetUtcNow());
        if (!await accounts.CreateAsync(account, cancellationToken))
        {
            return Results.Problem(detail: "A staff account with this email exists already.", statusCode: StatusCodes.Status409Conflict);
        }

        return Results.Created($"/api/staff/{account.Id}", ToView(account));
    }

    /// <summary>Disables, enables or deletes an account; each ends its sessions. Never the caller's own, never the last active admin.</summary>
    private static async Task<IResult> ChangeAsync(
        string id, HttpContext context, IStaffAccounts accounts, StaffSessions sessions, string change, Func<IStaffAccounts, Task<StaffChange>> apply)
    {
        if (string.Equals(context.User.FindFirstValue(ClaimTypes.NameIdentifier), id, StringComparison.Ordinal) && change != "enabled")
        {
            return Problems.Refused(StatusCodes.Status409Conflict, "own_account", "You cannot disable or delete your own account.");
        }

        var outcome = await apply(accounts);
        if (outcome == StaffChange.Done) sessions.Ended(id, change);
        return outcome switch
        {
            StaffChange.Done => Results.NoContent(),
            StaffChange.NotFound => Problems.Refused(StatusCodes.Status404NotFound, "staff_not_found", "There is no such staff account."),
            _ => Problems.Refused(StatusCodes.Status409Conflict, "last_active_admin", "This is the last active admin: make another admin first."),
        };
    }

    private static StaffView ToView(StaffAccount a) => new(a.Id, a.Email, a.DisplayName, Roles.Name(a.Role), a.CreatedAt, a.Disabled);
}
