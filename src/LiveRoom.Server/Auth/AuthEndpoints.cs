using System.Globalization;
using System.Security.Claims;
using LiveRoom.Server.Http;
using LiveRoom.Server.Security;
using LiveRoom.Server.Startup;
using LiveRoom.Server.Viewers;
using LiveRoom.Storage.Staff;
using Microsoft.AspNetCore.Authentication;

namespace LiveRoom.Server.Auth;

public static partial class AuthEndpoints
{
    private const int MaxEmailLength = 254;

    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record StaffUser(string Id, string Email, string DisplayName, string Role);

    public sealed record LoginResponse(string TokenType, string AccessToken, long ExpiresIn, StaffUser User);

    public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimiting.LoginPolicy).AllowAnonymous();
        auth.MapGet("/me", MeAsync).RequireAuthorization(Roles.StaffPolicy);
        auth.MapPost("/logout", LogoutAsync).AllowAnonymous();
        auth.MapPost("/password", ChangePasswordAsync).RequireAuthorization(Roles.StaffPolicy).RequireRateLimiting(RateLimiting.LoginPolicy);
        return app;
    }

    private static async Task<IResult> LoginAsync(
        LoginRequest request, HttpContext context, IStaffAccounts accounts, TokenIssuer tokens, LoginBackoff backoff, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(AuthEndpoints).FullName!);
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.BadRequest("Email and password are required.");
        }

        // No address is longer (RFC 5321); a longer one is not worth remembering for the back-off.
        if (request.Email.Length > MaxEmailLength) return Problems.BadRequest("That is not an email address.");
        var network = ClientAddress.Of(context);
        if (backoff.LockedFor(request.Email, network) is { } wait) return LockedOut(context, wait);

        var account = await accounts.FindByEmailAsync(request.Email, cancellationToken);
        // An unknown email costs a password hash too: the answer's timing must not tell which emails have accounts.
        var verified = account is null
            ? PasswordHashing.VerifyWithoutAccount(request.Password)
            : PasswordHashing.Verify(request.Password, account.PasswordHash);
        if (account is null || !verified)
        {
            var lockout = backoff.Failed(request.Email, network);
            Log.LoginFailed(logger);
            if (lockout is { } started) Log.LockedOut(logger, (int)started.TotalSeconds);
            return Results.Problem(detail: "Wrong email or password.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (account.Disabled)
        {
            // Said only to someone who knows the password.
            Log.DisabledSignIn(logger, account.Id);
            return Problems.Refused(StatusCodes.Status403Forbidden, "account_disabled", "This account is disabled. Ask an admin to enable it.");
        }

        backoff.Succeeded(request.Email);
        var role = Roles.Name(account.Role);
        var token = tokens.IssueStaff(account);
        // Pages a browser navigates to (the jobs dashboard) cannot send the bearer token: they get a cookie.
        await context.SignInAsync(Roles.StaffCookieScheme, tokens.StaffPrincipal(account));
        Log.LoggedIn(logger, account.Id, role);
        return Results.Ok(new LoginResponse("Bearer", token.AccessToken, token.ExpiresIn, new StaffUser(account.Id, account.Email, account.DisplayName, role)));
    }

    private static IResult LockedOut(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Refused(StatusCodes.Status429TooManyRequests, "sign_in_locked",
            $"Too many failed sign-ins for this email. Try again in {seconds} seconds.");
    }

    /// <summary>
    /// Signs out: ends every session of the caller's account (all tokens, cookies and hub connections, on every
    /// device) and clears the cookie. Anonymous callers just get the cookie cleared.
    /// </summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, StaffSessions sessions, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var user = context.User;
        if (!StaffSessions.IsStaff(user))
        {
            // A browser signing out of the jobs page sends the cookie, not the bearer token.
            var cookie = await context.AuthenticateAsync(Roles.StaffCookieScheme);
            user = cookie.Principal ?? user;
        }

        if (StaffSessions.IsStaff(user) && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await sessions.IsCurrentAsync(user, cancellationToken))
        {
            await sessions.RevokeAsync(userId, "signed out", cancellationToken);
            Log.LoggedOut(loggers.CreateLogger(typeof(AuthEndpoints).FullName!), userId);
        }

        await context.SignOutAsync(Roles.StaffCookieScheme);
        return Results.NoContent();
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
        ChangePasswordRequest request, HttpContext context, IStaffAccounts accounts, StaffSessions sessions, LoginBackoff backoff, DataDirectory data, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var account = caller is null ? null : await accounts.FindByIdAsync(caller.Id, cancellationToken);
        if (account is null) return Results.Unauthorized();
        // Guessing the current password with a stolen token counts towards the same lock-out as signing in.
        if (backoff.LockedFor(account.Email, ClientAddress.Of(context)) is { } wait) return LockedOut(context, wait);
        if (string.IsNullOrEmpty(request.CurrentPassword) || !PasswordHashing.Verify(request.CurrentPassword, account.PasswordHash))
        {
            backoff.Failed(account.Email, ClientAddress.Of(context));
            return Problems.BadRequest("The current password is wrong.");
        }

        if (request.NewPassword is null || request.NewPassword.Length < PasswordHashing.MinimumLength)
        {
            return Problems.BadRequest($"The new password must be at least {PasswordHashing.MinimumLength} characters.");
        }

        // Every session ends, this one too: whoever had the old password (or a token) is out; sign in again.
        await accounts.UpdatePasswordHashAsync(account.Id, PasswordHashing.Hash(request.NewPassword), cancellationToken);
        sessions.Ended(account.Id, "password changed");
        await context.SignOutAsync(Roles.StaffCookieScheme);
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

        [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Staff {UserId} signed out")]
        public static partial void LoggedOut(ILogger logger, string userId);

        [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Too many failed sign-ins for one email: locked out for {Seconds} s")]
        public static partial void LockedOut(ILogger logger, int seconds);

        [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Disabled staff {UserId} tried to sign in")]
        public static partial void DisabledSignIn(ILogger logger, string userId);
    }
}
