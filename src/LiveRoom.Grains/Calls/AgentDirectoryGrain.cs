using LiveRoom.Contracts.Calls;

namespace LiveRoom.Grains.Calls;

/// <summary>See <see cref="IAgentDirectoryGrain"/>.</summary>
public sealed class AgentDirectoryGrain : Grain, IAgentDirectoryGrain
{
    private readonly Dictionary<string, AgentView> _agents = new(StringComparer.Ordinal);

    public Task ReportAsync(AgentView agent)
    {
        _agents[agent.AgentId] = agent;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AgentView>> ListAsync() =>
        Task.FromResult<IReadOnlyList<AgentView>>([.. _agents.Values.OrderBy(a => a.DisplayName, StringComparer.CurrentCultureIgnoreCase)]);
}
