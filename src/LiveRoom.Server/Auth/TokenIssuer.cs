using System.Security.Claims;
using LiveRoom.Server.Security;
using LiveRoom.Storage.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Auth;

/// <summary>
/// Issues the opaque bearer tokens the built-in bearer-token handler validates (protected with the data
/// protection keys kept in the data directory, so they survive a restart).
/// </summary>
public sealed class TokenIssuer(IOptionsMonitor<BearerTokenOptions> bearer, IOptions<SecurityOptions> security, TimeProvider time)
{
    /// <summary>A staff token carrying the account's security stamp: it stops working when the stamp changes.</summary>
    public IssuedToken IssueStaff(StaffAccount account) =>
        Issue(security.Value.StaffTokenLifetime, StaffClaims(account));

    /// <summary>The same identity for the staff cookie.</summary>
    public ClaimsPrincipal StaffPrincipal(StaffAccount account) =>
        new(new ClaimsIdentity(StaffClaims(account), Roles.StaffCookieScheme, ClaimTypes.Name, ClaimTypes.Role));

    private static Claim[] StaffClaims(StaffAccount account) =>
    [
        new Claim(ClaimTypes.NameIdentifier, account.Id),
        new Claim(ClaimTypes.Name, account.DisplayName),
        new Claim(ClaimTypes.Email, account.Email),
        new Claim(ClaimTypes.Role, Roles.Name(account.Role)),
        new Claim(StaffSessions.StampClaim, account.SecurityStamp),
    ];

    public IssuedToken IssueViewer(string roomId, string viewerId, string displayName) =>
        Issue(security.Value.ViewerTokenLifetime,
        [
            new Claim(ClaimTypes.NameIdentifier, viewerId),
            new Claim(ClaimTypes.Name, displayName),
            new Claim(ClaimTypes.Role, Roles.Viewer),
            new Claim(Caller.RoomClaim, roomId),
        ]);

    private IssuedToken Issue(TimeSpan lifetime, IEnumerable<Claim> claims)
    {
        var scheme = BearerTokenDefaults.AuthenticationScheme;
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime };
        var token = bearer.Get(scheme).BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, scheme));
        return new IssuedToken(token, (long)lifetime.TotalSeconds);
    }
}
