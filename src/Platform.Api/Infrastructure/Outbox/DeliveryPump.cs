using Dapper;
using Hangfire;
using Platform.Api.Infrastructure.Health;

namespace Platform.Api.Infrastructure.Outbox;

/// <summary>
/// Feeds Hangfire from the durable tables: enqueues the dispatcher while outbox rows wait, and one push job per
/// due delivery. Woken by <see cref="OutboxSignal"/> after a change commits, and polling otherwise, so deliveries
/// left by a stopped process (in-memory Hangfire forgets its queue) are picked up again after a restart.
/// </summary>
public sealed class DeliveryPump(IServiceScopeFactory scopes, IBackgroundJobClient jobs, OutboxSignal signal, DispatchGate gate,
    SchemaState schema, Microsoft.Extensions.Options.IOptionsMonitor<DeliveryOptions> settings, TimeProvider clock, ILogger<DeliveryPump> logger) : BackgroundService
{
    private static readonly TimeSpan EnqueueLease = TimeSpan.FromMinutes(2);

    private const string SelectPullableConnections = "SELECT id FROM connections WHERE kind = 'remote' AND state = 'registered'";

    private const string SelectNewlyRegistered = "SELECT id FROM connections WHERE kind = 'remote' AND state = 'registered' AND registered_at >= @Since";

    private DateTime _nextResync = DateTime.MinValue;
    private DateTime _registeredSince = DateTime.MinValue;
    private readonly HashSet<string> _pulledAfterRegistration = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!schema.Migrated) await Task.Delay(200, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PumpOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Delivery pump pass failed; retrying at the next pass");
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(settings.CurrentValue.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PumpOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DeliveryStore>();
        if (await store.AnyUndispatchedAsync(ct) && gate.TryQueue())
            jobs.Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));

        foreach (var id in await store.ExpiredSendingAsync(ct))
        {
            logger.LogWarning("Delivery {DeliveryId} was being sent by a process that stopped; sending it again", id);
            await store.RescheduleAsync(id, "the sending process stopped before an answer", clock.GetUtcNow().UtcDateTime, ct);
        }

        foreach (var id in await store.LeaseDueAsync(EnqueueLease, 200, ct))
            jobs.Enqueue<PushDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));

        // Receivers pull at start-up (whatever was missed while this process was down) and then on a schedule.
        // A connection that just registered is pulled at once, so a new receiver gets everything there already is.
        var now = clock.GetUtcNow().UtcDateTime;
        var db = await scope.ServiceProvider.GetRequiredService<Platform.Api.Infrastructure.Data.DbSession>().ConnectionAsync(ct);
        // The window overlaps the previous pass (a registration may commit late); each is pulled once for it.
        var due = now >= _nextResync
            ? await db.QueryAsync<string>(new CommandDefinition(SelectPullableConnections, cancellationToken: ct))
            : (await db.QueryAsync<string>(new CommandDefinition(SelectNewlyRegistered, new { Since = _registeredSince }, cancellationToken: ct)))
                .Where(_pulledAfterRegistration.Add).ToList();
        if (now >= _nextResync)
        {
            _nextResync = now + TimeSpan.FromMinutes(settings.CurrentValue.ResyncIntervalMinutes);
            _pulledAfterRegistration.Clear();
        }
        _registeredSince = now - TimeSpan.FromSeconds(30);
        var scheduler = scope.ServiceProvider.GetRequiredService<Platform.Api.Infrastructure.Sync.ResyncScheduler>();
        foreach (var connectionId in due) scheduler.Enqueue(connectionId);
    }
}

/// <summary>At most one dispatcher job queued per process; the job reopens the gate when it starts.</summary>
public sealed class DispatchGate
{
    private int _queued;

    public bool TryQueue() => Interlocked.CompareExchange(ref _queued, 1, 0) == 0;

    public void Open() => Interlocked.Exchange(ref _queued, 0);
}
