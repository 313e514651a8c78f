using System.Collections.Concurrent;

namespace Platform.Api.Infrastructure.Health;

/// <summary>
/// Collects whether each call to a peer was answered, for connection health. Recording only queues (no database
/// work on the caller's path, and none inside a caller's transaction); <see cref="ConnectionHealthWriter"/> writes
/// what was queued in one transaction a second.
/// </summary>
public sealed class PeerCallOutcomes
{
    private readonly ConcurrentQueue<(string ConnectionId, bool Answered, DateTime At)> _queue = new();

    public void Record(string connectionId, bool answered, DateTime at) => _queue.Enqueue((connectionId, answered, at));

    /// <summary>What was recorded since the last call, per connection, in the order it happened.</summary>
    public IReadOnlyList<OutcomeBatch> Drain()
    {
        var batches = new Dictionary<string, List<(bool Answered, DateTime At)>>();
        while (_queue.TryDequeue(out var o))
        {
            if (!batches.TryGetValue(o.ConnectionId, out var list)) batches[o.ConnectionId] = list = [];
            list.Add((o.Answered, o.At));
        }
        return batches.Select(b => OutcomeBatch.Of(b.Key, b.Value)).ToList();
    }
}

/// <summary>One connection's outcomes since the last write, folded into what the connection row keeps.</summary>
public sealed record OutcomeBatch(string ConnectionId, DateTime? LastSuccess, DateTime? LastFailure, bool Failing, DateTime? FailingSince,
    IReadOnlyList<DateTime> Failures)
{
    public static OutcomeBatch Of(string connectionId, IReadOnlyList<(bool Answered, DateTime At)> outcomes)
    {
        var lastSuccess = outcomes.Where(o => o.Answered).Select(o => (DateTime?)o.At).Max();
        var failures = outcomes.Where(o => !o.Answered).Select(o => o.At).ToList();
        var failing = !outcomes[^1].Answered;
        // The first failure after the last answer: when this run of failures began (if it began in this batch).
        var failingSince = failing ? failures.Where(f => lastSuccess is null || f >= lastSuccess).Min() : (DateTime?)null;
        return new OutcomeBatch(connectionId, lastSuccess, failures.Count == 0 ? null : failures.Max(), failing, failingSince, failures);
    }
}

/// <summary>Writes the queued peer-call outcomes every second, and what is left when the host stops.</summary>
public sealed class ConnectionHealthWriter(IServiceScopeFactory scopes, PeerCallOutcomes outcomes, SchemaState schema,
    ILogger<ConnectionHealthWriter> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!schema.Migrated) await Task.Delay(200, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, stoppingToken);
                await WriteAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (schema.Migrated) await WriteAsync(CancellationToken.None);
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        var batches = outcomes.Drain();
        if (batches.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DbSession>();
            var store = scope.ServiceProvider.GetRequiredService<ConnectionHealthStore>();
            await db.BeginAsync(ct);
            await store.WriteOutcomesAsync(batches, ct);
            await db.CommitAsync(ct);
        }
        catch (Exception e)
        {
            // Health is what operators read, never what sends: losing one second of outcomes must not stop anything.
            logger.LogWarning(e, "Writing {Count} connections' peer-call outcomes failed", batches.Count);
        }
    }
}
