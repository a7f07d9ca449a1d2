using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace LiveRoom.Testing;

/// <summary>Every log line a test server wrote (category, level, message and exception), for assertions.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Lock _waitersLock = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Add);

    /// <summary>The first line, written before or after this call, that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, string what, TimeSpan? timeout = null)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            var existing = _lines.FirstOrDefault(match);
            if (existing is not null) return existing;
            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No log line came for: {what}");
        }
    }

    private void Add(string line)
    {
        lock (_waitersLock)
        {
            _lines.Enqueue(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(line)) continue;
                _waiters[i].Found.TrySetResult(line);
                _waiters.RemoveAt(i);
            }
        }
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, Action<string> add) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                line += " | " + string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"));
            }

            add(line);
        }
    }
}
