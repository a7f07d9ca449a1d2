using System.Net.Sockets;

namespace LiveRoom.Server.Webhooks;

/// <summary>Whether a URL may be a webhook endpoint, checked when it is registered or changed (and its host resolved then).</summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 2_000;

    /// <summary>The normalised URL, or why it is refused (a code from <see cref="WebhookProblems"/> and a sentence).</summary>
    public static async Task<(string? Url, string? Code, string? Reason)> CheckAsync(string? text, WebhookOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            return Refused(WebhookProblems.InvalidUrl, $"Give the endpoint as an absolute https:// URL of at most {MaxLength} characters.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) return Refused(WebhookProblems.InvalidUrl, "The endpoint must be an https:// URL.");
        if (uri.Scheme == Uri.UriSchemeHttp && !options.AllowHttp) return Refused(WebhookProblems.InsecureUrl, "The endpoint must use https:// (plain http is not allowed on this server).");
        if (!string.IsNullOrEmpty(uri.UserInfo)) return Refused(WebhookProblems.InvalidUrl, "Put no user name or password in the URL.");
        if (!string.IsNullOrEmpty(uri.Fragment)) return Refused(WebhookProblems.InvalidUrl, "The URL may not have a #fragment.");

        if (!options.AllowPrivateNetworks)
        {
            System.Net.IPAddress[] addresses;
            try
            {
                addresses = await WebhookConnector.ResolveAsync(uri.IdnHost, cancellationToken);
            }
            catch (SocketException)
            {
                return Refused(WebhookProblems.UnresolvableHost, $"The host {uri.Host} could not be found.");
            }

            foreach (var address in addresses)
            {
                if (NetworkAddressRules.WhyRefused(address) is { } why)
                {
                    return Refused(WebhookProblems.PrivateNetwork, $"{uri.Host} is {address}, {why}: webhooks may not reach private or reserved networks on this server.");
                }
            }
        }

        return (uri.AbsoluteUri, null, null);
    }

    private static (string?, string?, string?) Refused(string code, string reason) => (null, code, reason);
}
