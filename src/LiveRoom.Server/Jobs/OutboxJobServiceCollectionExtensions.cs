using Hangfire.Common;
using Hangfire.States;

namespace LiveRoom.Server.Jobs;

public static class OutboxJobServiceCollectionExtensions
{
    /// <summary>Runs the outbox entries of <paramref name="kind"/> with <typeparamref name="TJob"/> (built per run from the services).</summary>
    public static IServiceCollection AddOutboxJob<TJob>(this IServiceCollection services, string kind)
        where TJob : class, IOutboxJob
    {
        // The job names the class's own method, not the interface's: Hangfire reads its retry rule and
        // display name from the method it is given.
        var map = typeof(TJob).GetInterfaceMap(typeof(IOutboxJob));
        var run = map.TargetMethods[Array.IndexOf(map.InterfaceMethods, typeof(IOutboxJob).GetMethod(nameof(IOutboxJob.RunAsync))!)];
        services.AddTransient<TJob>();
        services.AddSingleton(new OutboxJobKind(kind, (jobs, id, subject) => jobs.Create(new Job(typeof(TJob), run, id, subject, CancellationToken.None), new EnqueuedState())));
        return services;
    }
}
