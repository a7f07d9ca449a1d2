using Orleans.Concurrency;

namespace LiveRoom.Contracts.Calls;

/// <summary>
/// Every agent's current status in one place (key: 0), for choosing a colleague to invite into a call. Agents
/// report their changes one-way; in memory only (agents report again when they set their availability).
/// </summary>
[Alias("LiveRoom.IAgentDirectoryGrain")]
public interface IAgentDirectoryGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("Report")]
    Task ReportAsync(AgentView agent);

    [Alias("List")]
    Task<IReadOnlyList<AgentView>> ListAsync();
}
