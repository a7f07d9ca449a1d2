using LiveRoom.Contracts.Webhooks;
using Microsoft.Extensions.Options;

namespace LiveRoom.Server.Products;

/// <summary>
/// Gathers card clicks on this node and hands them to the CRM webhooks as one <c>card.clicked</c> event per room
/// every <see cref="ProductOptions.ClickBatchSeconds"/> (a busy sale makes one event every few seconds per room, not one
/// per click). The clicks also count in each viewer's engagement, which is durable; a batch still gathering when the
/// process stops is sent as it stops, and lost only if the process dies.
/// </summary>
public sealed partial class CardClickBatcher(IWebhookEvents webhooks, IOptions<ProductOptions> options, TimeProvider time, ILogger<CardClickBatcher> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private Dictionary<string, List<CardClick>> _clicks = new(StringComparer.Ordinal);
    private DateTimeOffset _since = time.GetUtcNow();

    public void Add(string roomId, CardClick click)
    {
        lock (_gate)
        {
            if (!_clicks.TryGetValue(roomId, out var clicks)) _clicks[roomId] = clicks = [];
            clicks.Add(click);
        }
    }

    /// <summary>Publishes what was gathered since the last time, one event per room that had clicks.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset from, now;
        Dictionary<string, List<CardClick>> taken;
        lock (_gate)
        {
            now = time.GetUtcNow();
            from = _since;
            _since = now;
            taken = _clicks;
            _clicks = new(StringComparer.Ordinal);
        }

        foreach (var (roomId, gathered) in taken)
        {
            var clicks = gathered.OrderBy(c => c.At).ToArray();
            if (clicks.Length == 0) continue;
            var totals = clicks
                .GroupBy(c => c.ProductId, StringComparer.Ordinal)
                .Select(g => new CardClickTotal(g.Key, g.Last().Title, g.Count(), g.Select(c => c.ViewerId).Distinct(StringComparer.Ordinal).Count()))
                .ToArray();
            await webhooks.PublishAsync(WebhookEventTypes.CardClicked, new CardClickedData(roomId, from, now, clicks, totals), cancellationToken);
            Log.Published(logger, roomId, clicks.Length);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ClickBatchSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync sends what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 9720, Level = LogLevel.Debug, Message = "Room {RoomId}: {Clicks} card clicks published")]
        public static partial void Published(ILogger logger, string roomId, int clicks);
    }
}
