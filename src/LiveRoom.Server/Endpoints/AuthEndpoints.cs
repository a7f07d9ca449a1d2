using LiveRoom.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using LiveRoom.Server.Startup;
using LiveRoom.Storage.Staff;

namespace LiveRoom.Server.Endpoints;

public static partial class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record StaffUser(string Id, string Email, string DisplayName, string Role);

    public sealed record LoginResponse(string TokenType, string AccessToken, long ExpiresIn, StaffUser User);

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimiting.LoginPolicy).AllowAnonymous();
        auth.MapGet("/me", MeAsync).RequireAuthorization(Roles.StaffPolicy);
        auth.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(Roles.StaffCookieScheme);
            return Results.NoContent();
        }).AllowAnonymous();
        auth.MapPost("/password", ChangePasswordAsync).RequireAuthorization(Roles.StaffPolicy).RequireRateLimiting(RateLimiting.LoginPolicy);
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, HttpContext context, IStaffAccounts accounts, TokenIssuer tokens, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(AuthEndpoints).FullName!);
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.BadRequest("Email and password are required.");
        }

        var account = await accounts.FindByEmailAsync(request.Email, cancellationToken);
        if (account is null || !PasswordHashing.Verify(request.Password, account.PasswordHash))
        {
            Log.LoginFailed(logger);
            return Results.Problem(detail: "Wrong email or password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var role = Roles.Name(account.Role);
        var token = tokens.IssueStaff(account.Id, account.Email, account.DisplayName, role);
        // Pages a browser navigates to (the jobs dashboard) cannot send the bearer token: they get a cookie.
        await context.SignInAsync(Roles.StaffCookieScheme, tokens.StaffPrincipal(account.Id, account.Email, account.DisplayName, role));
        Log.LoggedIn(logger, account.Id, role);
        return Results.Ok(new LoginResponse("Bearer", token.AccessToken, token.ExpiresIn, new StaffUser(account.Id, account.Email, account.DisplayName, role)));
    }

    private static async Task<IResult> MeAsync(HttpContext context, IStaffAccounts accounts, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var account = caller is null ? null : await accounts.FindByIdAsync(caller.Id, cancellationToken);
        return account is null
            ? Results.Unauthorized()
            : Results.Ok(new StaffUser(account.Id, account.Email, account.DisplayName, Roles.Name(account.Role)));
    }

    private static async Task<IResult> ChangePasswordAsync(
        ChangePasswordRequest request, HttpContext context, IStaffAccounts accounts, DataDirectory data, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var account = caller is null ? null : await accounts.FindByIdAsync(caller.Id, cancellationToken);
        if (account is null) return Results.Unauthorized();
        if (string.IsNullOrEmpty(request.CurrentPassword) || !PasswordHashing.Verify(request.CurrentPassword, account.PasswordHash))
        {
            return Problems.BadRequest("The current password is wrong.");
        }

        if (request.NewPassword is null || request.NewPassword.Length < PasswordHashing.MinimumLength)
        {
            return Problems.BadRequest($"The new password must be at least {PasswordHashing.MinimumLength} characters.");
        }

        await accounts.UpdatePasswordHashAsync(account.Id, PasswordHashing.Hash(request.NewPassword), cancellationToken);
        // The generated first password is no longer the admin's: stop keeping it.
        File.Delete(data.PathOf(AdminBootstrapper.PasswordFileName));
        Log.PasswordChanged(loggers.CreateLogger(typeof(AuthEndpoints).FullName!), account.Id);
        return Results.NoContent();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "A staff sign-in failed: wrong email or password")]
        public static partial void LoginFailed(ILogger logger);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Staff {UserId} ({Role}) signed in")]
        public static partial void LoggedIn(ILogger logger, string userId, string role);

        [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Staff {UserId} changed their password")]
        public static partial void PasswordChanged(ILogger logger, string userId);
    }
}
