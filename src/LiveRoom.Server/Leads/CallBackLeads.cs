using LiveRoom.Contracts.Calls;
using LiveRoom.Contracts.Leads;
using LiveRoom.Server.Calls;

namespace LiveRoom.Server.Leads;

/// <summary>Makes a call-back request a lead of its room (or updates the viewer's lead), with the call-back form's consent.</summary>
internal sealed class CallBackLeads(ILeads leads, LeadEvents events) : ICallBackListener
{
    public async Task SavedAsync(CallBack callBack, string locale, CancellationToken cancellationToken)
    {
        var consent = new LeadConsent(CallBackConsent.Version, locale, CallBackConsent.Text.For(locale), callBack.CreatedAt);
        var saved = await leads.UpsertAsync(
            new Lead(
                "ld_" + Guid.NewGuid().ToString("N")[..16], callBack.RoomId, callBack.ViewerId, callBack.Name, callBack.Phone, callBack.Email, null, callBack.Topic,
                consent, null, LeadSource.CallBack, callBack.CreatedAt, callBack.CreatedAt, null, null),
            cancellationToken);
        await events.SavedAsync(saved, cancellationToken);
    }
}
