using Dapper;

namespace Platform.Api.Infrastructure.Sending;

public static class SendStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    /// <summary>Nobody is left to tell, or a newer row carries the same news.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>The shared mechanics of a durable send queue, over one of the <see cref="QueueTable"/>s.</summary>
public sealed class SendQueue(DbSession db, TimeProvider clock, ILogger<SendQueue> logger)
{
    // Longer than a job takes to start: a leased row whose job was lost (in-memory Hangfire, restart) is due again then.
    private static readonly TimeSpan EnqueueLease = TimeSpan.FromMinutes(2);
    private const int RowsPerPass = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IReadOnlyList<T>> Query<T>(string sql, object? args, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<T>(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct))).ToList();

    private async Task<int> Execute(string sql, object args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    /// <summary>Due rows that no job holds, each leased to the caller for a while; at most <paramref name="max"/>, limited in SQL.</summary>
    public async Task<IReadOnlyList<long>> LeaseDueAsync(QueueTable table, TimeSpan lease, int max, CancellationToken ct)
    {
        var leased = new List<long>();
        var due = await Query<long>(table.SelectDue + " " + db.Dialect.PageClause, new { Now, Offset = 0, Limit = max }, ct);
        if (due.Count == 0) return leased;
        // One transaction for the whole pass: a fan-out to 50 peers leases 50 rows with one commit (one flush) instead of 50.
        await db.InTransactionAsync(async () =>
        {
            foreach (var id in due)
                if (await Execute(table.Lease, new { Id = id, LeaseUntil = Now + lease, Now }, ct) == 1) leased.Add(id);
        }, ct);
        return leased;
    }

    /// <summary>
    /// The pump's pass over one queue: rows a stopped process was sending go back to pending through the kind's own
    /// <paramref name="reschedule"/> (pushes may be superseded there), then the due rows are leased for their jobs.
    /// </summary>
    public async Task<IReadOnlyList<long>> SweepAndLeaseAsync(QueueTable table, Func<long, string, DateTime, CancellationToken, Task> reschedule,
        CancellationToken ct)
    {
        foreach (var id in await ExpiredSendingAsync(table, ct))
        {
            logger.LogWarning("{SendQueue} row {SendId} was being sent by a process that stopped; sending it again", table.Name, id);
            await reschedule(id, "the sending process stopped before an answer", Now, ct);
        }
        return await LeaseDueAsync(table, EnqueueLease, RowsPerPass, ct);
    }

    /// <summary>Hands a still pending row back to the pump's next pass instead of leaving it leased.</summary>
    public Task ReleaseLeaseAsync(QueueTable table, long id, CancellationToken ct) => Execute(table.ReleaseLease, new { Id = id }, ct);

    /// <summary>Makes every pending row due for this process's pump at once (see <see cref="QueueTable.ReleaseAllLeases"/>).</summary>
    public Task<int> ReleaseAllLeasesAsync(QueueTable table, CancellationToken ct) => Execute(table.ReleaseAllLeases, new { }, ct);

    public Task FailedAsync(QueueTable table, long id, string error, CancellationToken ct) =>
        Execute(table.MarkEnded, new { Id = id, State = SendStates.Failed, Error = Trim(error), Now }, ct);

    public Task CancelledAsync(QueueTable table, long id, string reason, CancellationToken ct) =>
        Execute(table.MarkEnded, new { Id = id, State = SendStates.Cancelled, Error = Trim(reason), Now }, ct);

    public Task<IReadOnlyList<long>> ExpiredSendingAsync(QueueTable table, CancellationToken ct) => Query<long>(table.SelectExpiredSending, new { Now }, ct);

    public static string Trim(string text) => text.Length > 2000 ? text[..2000] : text;
}
