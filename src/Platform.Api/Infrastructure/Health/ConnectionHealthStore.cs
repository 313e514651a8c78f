using Dapper;
using Platform.Api.Infrastructure.Outbox;

namespace Platform.Api.Infrastructure.Health;

/// <summary>SQL for connection health: peer-call outcomes on the connection row, failures, and the delivery backlog.</summary>
public sealed class ConnectionHealthStore(DbSession db, DeliveryOptions deliveryOptions, HealthOptions options, TimeProvider clock)
{
    // A batch that answered ends any run of failures; one that only failed starts a run unless one is running.
    private const string UpdateOutcome = """
        UPDATE connections
        SET last_success_at = COALESCE(@LastSuccess, last_success_at),
            last_failure_at = COALESCE(@LastFailure, last_failure_at),
            failing_since = CASE WHEN @Failing = 0 THEN NULL
                                 WHEN @LastSuccess IS NOT NULL THEN @FailingSince
                                 ELSE COALESCE(failing_since, @FailingSince) END
        WHERE id = @ConnectionId
        """;

    private const string InsertFailure = "INSERT INTO connection_failures (connection_id, failed_at) VALUES (@ConnectionId, @At)";

    private const string PruneFailures = "DELETE FROM connection_failures WHERE failed_at < @Before";

    private const string SelectOutcomes = """
        SELECT id AS ConnectionId, last_success_at AS LastSuccessAt, last_failure_at AS LastFailureAt, failing_since AS FailingSince
        FROM connections
        """;

    private const string SelectFailureCounts = """
        SELECT connection_id AS ConnectionId, COUNT(*) AS Failures FROM connection_failures
        WHERE failed_at >= @Since
        GROUP BY connection_id
        """;

    // Flagged CDR deliveries count as failed (they retry for ever, but an operator must look), as in GET /admin/deliveries.
    [AcrossTenants("connection health is the operator's view of a connection, whichever hosted parties send over it")]
    private const string SelectBacklog = """
        SELECT connection_id AS ConnectionId,
               SUM(CASE WHEN state IN ('pending', 'sending') THEN 1 ELSE 0 END) AS Pending,
               SUM(CASE WHEN state = 'failed' OR (module = 'cdrs' AND state = 'pending' AND attempts >= @Flagged) THEN 1 ELSE 0 END) AS Failed,
               MIN(CASE WHEN state IN ('pending', 'sending') THEN created_at END) AS OldestPendingAt
        FROM deliveries
        WHERE state IN ('pending', 'sending', 'failed')
        GROUP BY connection_id
        """;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IReadOnlyList<T>> Query<T>(string sql, object? args, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<T>(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct))).ToList();

    private async Task Execute(string sql, object args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    public async Task WriteOutcomesAsync(IReadOnlyList<OutcomeBatch> batches, CancellationToken ct)
    {
        foreach (var b in batches)
        {
            await Execute(UpdateOutcome, new { b.ConnectionId, b.LastSuccess, b.LastFailure, Failing = b.Failing ? 1 : 0, b.FailingSince }, ct);
            foreach (var at in b.Failures) await Execute(InsertFailure, new { b.ConnectionId, At = at }, ct);
        }
        if (batches.Any(b => b.Failures.Count > 0))
            await Execute(PruneFailures, new { Before = Now - 4 * ConnectionHealth.FailureWindow }, ct);
    }

    /// <summary>The health of every connection, by id, with three queries whatever their number.</summary>
    public async Task<IReadOnlyDictionary<string, ConnectionHealth>> AllAsync(CancellationToken ct)
    {
        var now = Now;
        var backlog = (await BacklogAsync(ct)).ToDictionary(b => b.ConnectionId);
        var failures = (await Query<FailureCountRow>(SelectFailureCounts, new { Since = now - ConnectionHealth.FailureWindow }, ct))
            .ToDictionary(f => f.ConnectionId, f => f.Failures);
        return (await Query<OutcomeRow>(SelectOutcomes, null, ct)).ToDictionary(o => o.ConnectionId, o => ConnectionHealth.Judge(
            new PeerOutcome(o.ConnectionId, o.LastSuccessAt, o.LastFailureAt, o.FailingSince),
            backlog.GetValueOrDefault(o.ConnectionId) ?? DeliveryBacklog.None(o.ConnectionId), failures.GetValueOrDefault(o.ConnectionId), options, now));
    }

    /// <summary>Pending and failed deliveries per connection that has any.</summary>
    public async Task<IReadOnlyList<DeliveryBacklog>> BacklogAsync(CancellationToken ct) =>
        (await Query<BacklogRow>(SelectBacklog, new { Flagged = deliveryOptions.MaxAttempts }, ct))
        .Select(b => new DeliveryBacklog(b.ConnectionId, (int)b.Pending, (int)b.Failed, b.OldestPendingAt)).ToList();

    private sealed class OutcomeRow
    {
        public string ConnectionId { get; init; } = "";
        public DateTime? LastSuccessAt { get; init; }
        public DateTime? LastFailureAt { get; init; }
        public DateTime? FailingSince { get; init; }
    }

    private sealed class FailureCountRow
    {
        public string ConnectionId { get; init; } = "";
        public int Failures { get; init; }
    }

    private sealed class BacklogRow
    {
        public string ConnectionId { get; init; } = "";
        public long Pending { get; init; }
        public long Failed { get; init; }
        public DateTime? OldestPendingAt { get; init; }
    }
}
