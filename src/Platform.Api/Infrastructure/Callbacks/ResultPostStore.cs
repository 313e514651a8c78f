using Dapper;
using Platform.Api.Infrastructure.Sending;

namespace Platform.Api.Infrastructure.Callbacks;

public static class ResultPostStates
{
    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    /// <summary>The connection is gone: nobody is left to tell.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>One result or update a hosted CPO owes a peer: the body, and the exact URL and method to send it with.</summary>
public sealed class ResultPost
{
    public long Id { get; init; }
    public long HostedPartyId { get; init; }
    public string ConnectionId { get; init; } = "";
    public string TargetKey { get; init; } = "";
    public string Module { get; init; } = "";
    public long? RequestId { get; init; }
    public string Method { get; init; } = "POST";
    public string Url { get; init; } = "";
    public string Body { get; init; } = "";
    public string State { get; init; } = ResultPostStates.Pending;
    public int Attempts { get; init; }
    public string? LastError { get; init; }
    public DateTime NextAttemptAt { get; init; }
    public string? CorrelationId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? DeliveredAt { get; init; }
}

/// <summary>SQL for <c>result_posts</c>, leased and claimed like deliveries so a post is never sent twice at once.</summary>
public sealed class ResultPostStore(DbSession db, SendQueue queue, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, hosted_party_id AS HostedPartyId, connection_id AS ConnectionId, target_key AS TargetKey, module AS Module,
        request_id AS RequestId, method AS Method, url AS Url, body AS Body, state AS State, attempts AS Attempts, last_error AS LastError,
        next_attempt_at AS NextAttemptAt, correlation_id AS CorrelationId, created_at AS CreatedAt, delivered_at AS DeliveredAt
        """;

    private const string InsertColumnsAndValues = """
        (hosted_party_id, connection_id, target_key, module, request_id, method, url, body, state, attempts, next_attempt_at,
         correlation_id, created_at, updated_at)
        VALUES (@HostedPartyId, @ConnectionId, @TargetKey, @Module, @RequestId, @Method, @Url, @Body, 'pending', 0, @Now,
                @CorrelationId, @Now, @Now)
        """;

    private const string SelectOne = "SELECT " + Columns + " FROM result_posts WHERE id = @Id";



    private const string Claim = """
        UPDATE result_posts SET state = 'sending', attempts = attempts + 1, lease_until = @LeaseUntil, updated_at = @Now
        WHERE id = @Id AND state = 'pending'
        """;

    private const string MarkDelivered = """
        UPDATE result_posts SET state = 'delivered', last_error = NULL, lease_until = NULL, delivered_at = @Now, updated_at = @Now
        WHERE id = @Id
        """;


    private const string Reschedule = """
        UPDATE result_posts SET state = 'pending', last_error = @Error, next_attempt_at = @NextAttemptAt, lease_until = NULL, updated_at = @Now
        WHERE id = @Id
        """;


    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IReadOnlyList<T>> Query<T>(string sql, object args, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<T>(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct))).ToList();

    private async Task<int> Execute(string sql, object args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    public async Task<long> AddAsync(long hostedPartyId, string connectionId, string targetKey, string module, long? requestId, HttpMethod method,
        string url, string body, string? correlationId, CancellationToken ct)
    {
        var sql = db.Dialect.InsertReturningId(InsertColumnsAndValues, "result_posts");
        return await (await db.ConnectionAsync(ct)).ExecuteScalarAsync<long>(new CommandDefinition(sql, new
        {
            HostedPartyId = hostedPartyId, ConnectionId = connectionId, TargetKey = targetKey, Module = module, RequestId = requestId,
            Method = method.Method, Url = url, Body = body, CorrelationId = correlationId, Now,
        }, db.Transaction, cancellationToken: ct));
    }

    public async Task<ResultPost?> FindAsync(long id, CancellationToken ct) => (await Query<ResultPost>(SelectOne, new { Id = id }, ct)).SingleOrDefault();


    /// <summary>Takes the post for one send; false when another job has it or it is no longer pending.</summary>
    public async Task<bool> ClaimAsync(long id, TimeSpan lease, CancellationToken ct) =>
        await Execute(Claim, new { Id = id, LeaseUntil = Now + lease, Now }, ct) == 1;

    public Task DeliveredAsync(long id, CancellationToken ct) => Execute(MarkDelivered, new { Id = id, Now }, ct);

    public Task FailedAsync(long id, string error, CancellationToken ct) => queue.FailedAsync(QueueTable.ResultPosts, id, error, ct);

    public Task CancelledAsync(long id, string reason, CancellationToken ct) => queue.CancelledAsync(QueueTable.ResultPosts, id, reason, ct);

    public Task RescheduleAsync(long id, string? error, DateTime at, CancellationToken ct) =>
        Execute(Reschedule, new { Id = id, Error = error is null ? null : Trim(error), NextAttemptAt = at, Now }, ct);


    private static string Trim(string text) => SendQueue.Trim(text);
}
