using LiveRoom.Server.Auth;
using LiveRoom.Storage.Staff;

namespace LiveRoom.Server.Endpoints;

public static partial class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record StaffUser(string Id, string Email, string DisplayName, string Role);

    public sealed record LoginResponse(string TokenType, string AccessToken, long ExpiresIn, StaffUser User);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimiting.LoginPolicy).AllowAnonymous();
        auth.MapGet("/me", MeAsync).RequireAuthorization(Roles.StaffPolicy);
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, IStaffAccounts accounts, TokenIssuer tokens, ILoggerFactory loggers, CancellationToken cancellationToken)
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "A staff sign-in failed: wrong email or password")]
        public static partial void LoginFailed(ILogger logger);

        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Staff {UserId} ({Role}) signed in")]
        public static partial void LoggedIn(ILogger logger, string userId, string role);
    }
}
