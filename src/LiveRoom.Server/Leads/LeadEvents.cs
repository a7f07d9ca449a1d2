using LiveRoom.Contracts.Leads;
using LiveRoom.Contracts.Webhooks;

namespace LiveRoom.Server.Leads;

/// <summary>Tells the CRM webhooks of a lead as stored: <c>lead.created</c> the first time, <c>lead.updated</c> after (the lead as the API returns it).</summary>
public sealed class LeadEvents(IWebhookEvents webhooks)
{
    public Task SavedAsync(LeadSaved saved, CancellationToken cancellationToken) =>
        webhooks.PublishAsync(saved.Created ? WebhookEventTypes.LeadCreated : WebhookEventTypes.LeadUpdated, saved.Lead, cancellationToken);
}
