using LiveRoom.Server.Calls;

namespace LiveRoom.Server.Leads;

/// <summary>Lead capture: each room's form, viewers' details with the consent they gave, and the staff's list (see docs/LEADS.md).</summary>
public static class LeadsFeature
{
    public static WebApplicationBuilder AddLeads(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LeadEvents>();
        // A viewer who asks to be called back has left their details: they become a lead too.
        builder.Services.AddSingleton<ICallBackListener, CallBackLeads>();
        return builder;
    }

    public static WebApplication MapLeads(this WebApplication app)
    {
        app.MapLeadsApi();
        return app;
    }
}
