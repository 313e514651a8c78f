using Dapper;
using Platform.Api.Infrastructure.Sending;

namespace Platform.Api.Infrastructure.Outbox;

/// <summary>SQL for the outbox rows and the deliveries made from them.</summary>
public sealed class DeliveryStore(DbSession db, SendQueue queue, SqliteGroupCommit group, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, connection_id AS ConnectionId, hosted_party_id AS HostedPartyId, target_key AS TargetKey, target_role AS TargetRole,
        module AS Module, object_key AS ObjectKey, operation AS Operation, detail AS Detail, state AS State, attempts AS Attempts,
        changes AS Changes, last_error AS LastError, next_attempt_at AS NextAttemptAt, correlation_id AS CorrelationId,
        trace_parent AS TraceParent, created_at AS CreatedAt, updated_at AS UpdatedAt, delivered_at AS DeliveredAt
        """;

    [AcrossTenants("the dispatcher serves every hosted party; each entry carries its own")]
    private const string SelectUndispatched = """
        SELECT id AS Id, hosted_party_id AS HostedPartyId, module AS Module, object_key AS ObjectKey, operation AS Operation,
               detail AS Detail, correlation_id AS CorrelationId, trace_parent AS TraceParent
        FROM outbox WHERE dispatched_at IS NULL ORDER BY id
        """;

    private const string ClaimOutboxEntry = "UPDATE outbox SET dispatched_at = @Now WHERE id = @Id AND dispatched_at IS NULL";

    [AcrossTenants("the pump serves every hosted party")]
    private const string AnyUndispatched = "SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL";

    /// <summary>
    /// How two changes of one object for one target become one delivery, given the newer and the older: a whole-object
    /// operation of the newer (PUT, DELETE, a withdrawal) wins, as it sends the object as it is by then; two status PATCHes
    /// of the same EVSE stay that PATCH; anything else becomes a PUT of the whole object, which carries both. The one rule
    /// for both statements that coalesce (<see cref="FoldIntoPending"/>, <see cref="TakeOverFailedSend"/>).
    /// </summary>
    private static string Coalesced(string newerOperation, string newerDetail, string olderOperation, string olderDetail) => $"""
        operation = CASE WHEN {newerOperation} <> 'patch_status' THEN {newerOperation}
                         WHEN {olderOperation} = 'patch_status' AND {olderDetail} = {newerDetail} THEN {newerOperation}
                         ELSE 'put' END,
            detail = CASE WHEN {newerOperation} <> 'patch_status' THEN {newerDetail}
                          WHEN {olderOperation} = 'patch_status' AND {olderDetail} = {newerDetail} THEN {newerDetail}
                          ELSE NULL END
        """;

    // A newer change folds into the pending delivery of the same object (same owner: two hosted CPOs on one connection
    // may use the same ids) for the same target.
    private static readonly string FoldIntoPending = $"""
        UPDATE deliveries
        SET {Coalesced("@Operation", "@Detail", "operation", "detail")},
            changes = changes + 1, next_attempt_at = @Now, correlation_id = @CorrelationId, trace_parent = @TraceParent, updated_at = @Now
        WHERE connection_id = @ConnectionId AND hosted_party_id = @HostedPartyId AND target_key = @TargetKey AND module = @Module
          AND object_key = @ObjectKey AND state = 'pending'
        """;

    // A send that failed while a newer change of its object waited in a pending delivery: that delivery takes over what the
    // failed one carried, then the failed one is cancelled. Cancelling it alone lost changes: a whole-location PUT held by a
    // hanging peer, superseded by one EVSE's status PATCH, never reached the peer with the other EVSEs' changes (R3).
    private static readonly string TakeOverFailedSend = $"""
        UPDATE deliveries
        SET {Coalesced("operation", "detail", "@Operation", "@Detail")},
            changes = changes + @Changes, updated_at = @Now
        WHERE connection_id = @ConnectionId AND hosted_party_id = @HostedPartyId AND target_key = @TargetKey AND module = @Module
          AND object_key = @ObjectKey AND state = 'pending' AND id <> @Id
        """;

    private const string InsertPending = """
        INSERT INTO deliveries (connection_id, hosted_party_id, target_key, target_role, module, object_key, operation, detail,
                                state, attempts, changes, next_attempt_at, correlation_id, trace_parent, created_at, updated_at)
        VALUES (@ConnectionId, @HostedPartyId, @TargetKey, @TargetRole, @Module, @ObjectKey, @Operation, @Detail,
                'pending', 0, 1, @Now, @CorrelationId, @TraceParent, @Now, @Now)
        """;




    private const string SelectOne = "SELECT " + Columns + " FROM deliveries WHERE id = @Id";

    /// <summary>
    /// Only one send of the same object to the same target at a time: a later state never overtakes an earlier one.
    /// The check and the claim are one statement; on SQL Server the rows it checks stay locked until it ends
    /// (<see cref="SqlDialect.ReadForWrite"/>), so two nodes claiming two deliveries of one object take turns instead
    /// of both finding nothing being sent (SQLite serialises writing statements already).
    /// </summary>
    internal static string Claim(SqlDialect dialect) => $"""
        UPDATE deliveries
        SET state = 'sending', attempts = attempts + 1, lease_until = @LeaseUntil, updated_at = @Now
        WHERE id = @Id AND state = 'pending'
          AND NOT EXISTS (SELECT 1 FROM deliveries d{dialect.ReadForWrite}
                          WHERE d.connection_id = deliveries.connection_id AND d.hosted_party_id = deliveries.hosted_party_id
                            AND d.target_key = deliveries.target_key AND d.module = deliveries.module
                            AND d.object_key = deliveries.object_key AND d.state = 'sending' AND d.lease_until >= @Now)
        """;

    private const string MarkDelivered = """
        UPDATE deliveries SET state = 'delivered', last_error = NULL, lease_until = NULL, delivered_at = @Now, updated_at = @Now,
                              detail = COALESCE(@Detail, detail)
        WHERE id = @Id
        """;

    private const string CancelSuperseded = """
        UPDATE deliveries SET state = 'cancelled', last_error = @Error, lease_until = NULL, updated_at = @Now
        WHERE id = @Id
        """;

    private const string Reschedule = """
        UPDATE deliveries
        SET state = 'pending', last_error = @Error, next_attempt_at = @NextAttemptAt, lease_until = NULL,
            operation = COALESCE(@Operation, operation), detail = CASE WHEN @Operation IS NULL THEN detail ELSE NULL END,
            updated_at = @Now
        WHERE id = @Id
        """;


    [AcrossTenants("the operator list of deliveries (admin key) spans every hosted party")]
    private const string SelectList = """
        SELECT id AS Id, connection_id AS ConnectionId, hosted_party_id AS HostedPartyId, target_key AS TargetKey, target_role AS TargetRole,
               module AS Module, object_key AS ObjectKey, operation AS Operation, detail AS Detail, state AS State, attempts AS Attempts,
               changes AS Changes, last_error AS LastError, next_attempt_at AS NextAttemptAt, correlation_id AS CorrelationId,
               created_at AS CreatedAt, updated_at AS UpdatedAt, delivered_at AS DeliveredAt
        FROM deliveries
        WHERE (@State IS NULL OR state = @State OR (@State = 'failed' AND module = 'cdrs' AND state = 'pending' AND attempts >= @Flagged))
          AND (@ConnectionId IS NULL OR connection_id = @ConnectionId)
        ORDER BY id DESC
        """;

    [AcrossTenants("the operator list of deliveries (admin key) spans every hosted party")]
    private const string CountList = """
        SELECT COUNT(*) FROM deliveries
        WHERE (@State IS NULL OR state = @State OR (@State = 'failed' AND module = 'cdrs' AND state = 'pending' AND attempts >= @Flagged))
          AND (@ConnectionId IS NULL OR connection_id = @ConnectionId)
        """;

    private const string ResetAttempts = "UPDATE deliveries SET attempts = 0, updated_at = @Now WHERE id = @Id";

    [AcrossTenants("a resumed connection releases what waited for it, whichever hosted party sent it")]
    private const string ReleaseWaiting = """
        UPDATE deliveries SET next_attempt_at = @Now, updated_at = @Now
        WHERE connection_id = @ConnectionId AND state = 'pending'
        """;

    [AcrossTenants("a Hub party back online releases what waited for it, whichever hosted party sent it")]
    private const string ReleaseWaitingForTarget = """
        UPDATE deliveries SET next_attempt_at = @Now, updated_at = @Now
        WHERE connection_id = @ConnectionId AND target_key = @TargetKey AND state = 'pending'
        """;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IReadOnlyList<T>> Query<T>(string sql, object? args, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<T>(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct))).ToList();

    private async Task<int> Execute(string sql, object args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    /// <summary>
    /// A send's own bookkeeping (its claim, its outcome) outside a transaction: on SQLite it joins the group commit, so
    /// the sends of a fan-out share flushes and wait for the write lock in the writer's queue, not in SQLite's busy
    /// handler (which sleeps up to 100 ms at a time while another writer holds the lock).
    /// </summary>
    private async Task<int> ExecuteSendWrite(string sql, object args, CancellationToken ct) =>
        group.Enabled && db.Transaction is null
            ? await group.RunAsync(db, async c => await Execute(sql, args, c), ct)
            : await Execute(sql, args, ct);

    public Task<IReadOnlyList<OutboxEntry>> UndispatchedAsync(CancellationToken ct) => Query<OutboxEntry>(SelectUndispatched, null, ct);

    public async Task<bool> AnyUndispatchedAsync(CancellationToken ct) => (await Query<int>(AnyUndispatched, null, ct)).Single() > 0;

    /// <summary>Marks the entry dispatched; false when another dispatcher took it first.</summary>
    public async Task<bool> ClaimOutboxEntryAsync(long id, CancellationToken ct) => await Execute(ClaimOutboxEntry, new { Id = id, Now }, ct) == 1;

    /// <summary>Adds the change for one target, folding it into a pending delivery of the same object when there is one.</summary>
    public async Task AddOrFoldAsync(OutboxEntry entry, DeliveryTarget target, CancellationToken ct)
    {
        var args = new
        {
            target.ConnectionId, entry.HostedPartyId, target.TargetKey, target.TargetRole, entry.Module, entry.ObjectKey,
            entry.Operation, entry.Detail, entry.CorrelationId, entry.TraceParent, Now,
        };
        if (await Execute(FoldIntoPending, args, ct) == 0)
            await Execute(InsertPending, args, ct);
    }


    public async Task<Delivery?> FindAsync(long id, CancellationToken ct) => (await Query<Delivery>(SelectOne, new { Id = id }, ct)).SingleOrDefault();

    public async Task<bool> ClaimAsync(long id, TimeSpan lease, CancellationToken ct) =>
        await ExecuteSendWrite(Claim(db.Dialect), new { Id = id, Now, LeaseUntil = Now + lease }, ct) == 1;

    /// <summary>
    /// Hands a still pending delivery back to the pump's next pass, instead of leaving it leased for the whole
    /// enqueue lease (2 min) because an earlier send of the same object was still in flight when its job ran.
    /// </summary>
    public Task ReleaseLeaseAsync(long id, CancellationToken ct) => queue.ReleaseLeaseAsync(QueueTable.Deliveries, id, ct);

    /// <param name="detail">What the receiver answered worth keeping, e.g. the Location of a posted CDR.</param>
    public Task DeliveredAsync(long id, CancellationToken ct, string? detail = null) => ExecuteSendWrite(MarkDelivered, new { Id = id, Now, Detail = detail }, ct);

    public Task FailedAsync(long id, string error, CancellationToken ct) => queue.FailedAsync(QueueTable.Deliveries, id, error, ct);

    public Task CancelledAsync(long id, string reason, CancellationToken ct) => queue.CancelledAsync(QueueTable.Deliveries, id, reason, ct);

    /// <summary>
    /// Back to pending for another attempt at <paramref name="at"/> (as <paramref name="operation"/> when given); or, when a
    /// newer change of the object already waits in a pending delivery, that delivery takes over what this one carried and
    /// this one is cancelled.
    /// </summary>
    public Task RescheduleAsync(long id, string? error, DateTime at, CancellationToken ct, string? operation = null) => db.InTransactionAsync(async () =>
    {
        if (await FindAsync(id, ct) is { State: not DeliveryStates.Pending } sent)
        {
            var carried = new
            {
                sent.ConnectionId, sent.HostedPartyId, sent.TargetKey, sent.Module, sent.ObjectKey, Operation = operation ?? sent.Operation,
                Detail = operation is null ? sent.Detail : null, sent.Changes, Id = id, Now,
            };
            if (await Execute(TakeOverFailedSend, carried, ct) > 0)
            {
                var why = "superseded: the pending delivery of a newer change carries this one on" + (error is null ? "" : $"; this attempt: {error}");
                await Execute(CancelSuperseded, new { Id = id, Error = Trim(why), Now }, ct);
                return;
            }
        }
        await Execute(Reschedule, new { Id = id, Error = error is null ? null : Trim(error), NextAttemptAt = at, Operation = operation, Now }, ct);
    }, ct);

    /// <summary>Deliveries, newest first. <c>failed</c> includes CDR deliveries still retrying after <paramref name="flaggedAfter"/> attempts.</summary>
    public async Task<(IReadOnlyList<Delivery> Items, int Total)> ListAsync(string? state, string? connectionId, int offset, int limit, int flaggedAfter,
        CancellationToken ct)
    {
        var args = new { State = state, ConnectionId = connectionId, Offset = offset, Limit = limit, Flagged = flaggedAfter };
        var total = (await Query<int>(CountList, args, ct)).Single();
        return (await Query<Delivery>(SelectList + " " + db.Dialect.PageClause, args, ct), total);
    }

    public Task ResetAttemptsAsync(long id, CancellationToken ct) => Execute(ResetAttempts, new { Id = id, Now }, ct);

    /// <summary>Deliveries that waited for a suspended connection are due now.</summary>
    public Task ReleaseWaitingAsync(string connectionId, CancellationToken ct) => Execute(ReleaseWaiting, new { ConnectionId = connectionId, Now }, ct);

    /// <summary>Deliveries that waited for a party a Hub reported offline are due now that it is back.</summary>
    public Task ReleaseWaitingForTargetAsync(string connectionId, string targetKey, CancellationToken ct) =>
        Execute(ReleaseWaitingForTarget, new { ConnectionId = connectionId, TargetKey = targetKey, Now }, ct);

    private static string Trim(string text) => SendQueue.Trim(text);
}
