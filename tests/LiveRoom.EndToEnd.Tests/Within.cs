namespace LiveRoom.EndToEnd.Tests;

/// <summary>A time limit for awaits that have none of their own (server start, HTTP, browser set-up).</summary>
internal static class Within
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static Task<T> Limit<T>(this Task<T> task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default, TestContext.Current.CancellationToken);

    public static Task Limit(this Task task, TimeSpan? timeout = null) =>
        task.WaitAsync(timeout ?? Default, TestContext.Current.CancellationToken);
}
