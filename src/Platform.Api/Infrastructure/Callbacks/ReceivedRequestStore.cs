using Dapper;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>A command or charging-profile request a hosted CPO received, as kept until its outcome is known.</summary>
public sealed class ReceivedRequest
{
    public long Id { get; init; }
    public long HostedPartyId { get; init; }
    public string ConnectionId { get; init; } = "";
    public string SenderKey { get; init; } = "";
    public string Module { get; init; } = "";
    public string Type { get; init; } = "";
    public string? ObjectKey { get; init; }
    public string ResponseUrl { get; init; } = "";
    public string Document { get; init; } = "";
    public string? Response { get; init; }
    public string? Result { get; init; }
    public string? ChargerRef { get; init; }
    public string? CorrelationId { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>SQL for <c>received_requests</c>: every statement names the hosted CPO or the row's own id.</summary>
public sealed class ReceivedRequestStore(DbSession db, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, hosted_party_id AS HostedPartyId, connection_id AS ConnectionId, sender_key AS SenderKey, module AS Module,
        type AS Type, object_key AS ObjectKey, response_url AS ResponseUrl, document AS Document, response AS Response,
        result AS Result, charger_ref AS ChargerRef, correlation_id AS CorrelationId, created_at AS CreatedAt
        """;

    private const string InsertColumns = """
        (hosted_party_id, connection_id, sender_key, module, type, object_key, response_url, document, charger_ref, correlation_id,
         created_at, updated_at)
        """;

    private const string InsertValues = """
        @HostedPartyId, @ConnectionId, @SenderKey, @Module, @Type, @ObjectKey, @ResponseUrl, @Document, @ChargerRef, @CorrelationId,
        @Now, @Now
        """;

    private const string InsertColumnsAndValues = InsertColumns + " VALUES (" + InsertValues + ")";

    private const string SelectOne = "SELECT " + Columns + " FROM received_requests WHERE id = @Id";

    private const string UpdateResponse = "UPDATE received_requests SET response = @Response, updated_at = @Now WHERE id = @Id";

    // The first outcome wins: a charger answer handled twice (a job run twice) changes nothing the second time.
    private const string ClaimResult = "UPDATE received_requests SET result = @Result, updated_at = @Now WHERE id = @Id AND result IS NULL";

    [AcrossTenants("a restarted process hands every hosted CPO's unanswered requests back to its chargers")]
    private const string SelectUnansweredSince = "SELECT " + Columns + " FROM received_requests WHERE result IS NULL AND response IS NOT NULL AND created_at >= @Since";

    private const string SelectRecentOfType = """
        SELECT document FROM received_requests
        WHERE hosted_party_id = @HostedPartyId AND module = @Module AND type = @Type AND created_at >= @Since
        ORDER BY created_at DESC
        """;

    /// <summary>
    /// The insert, only while fewer than <c>@Limit</c> requests of the module about the object arrived since
    /// <c>@Since</c>. The count and the insert are one statement that holds what it counted (<see cref="SqlDialect.ReadForWrite"/>),
    /// so requests arriving together cannot all pass a limit that one of them reaches.
    /// </summary>
    internal static string InsertWithinLimit(SqlDialect dialect) => dialect.InsertReturningId($"""
        {InsertColumns}
        SELECT {InsertValues}
        WHERE (SELECT COUNT(*) FROM received_requests{dialect.ReadForWrite}
               WHERE hosted_party_id = @HostedPartyId AND module = @Module AND object_key = @ObjectKey AND created_at >= @Since) < @Limit
        """, "received_requests");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<int> Execute(string sql, object args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    public async Task<long> AddAsync(long hostedPartyId, string connectionId, string senderKey, string module, string type, string? objectKey,
        string responseUrl, string document, string? chargerRef, string? correlationId, CancellationToken ct) =>
        (await InsertAsync(db.Dialect.InsertReturningId(InsertColumnsAndValues, "received_requests"), new DynamicParameters(new
        {
            HostedPartyId = hostedPartyId, ConnectionId = connectionId, SenderKey = senderKey, Module = module, Type = type, ObjectKey = objectKey,
            ResponseUrl = responseUrl, Document = document, ChargerRef = chargerRef, CorrelationId = correlationId, Now,
        }), ct))!.Value;

    /// <summary>
    /// Adds a request about <paramref name="objectKey"/> unless <paramref name="limit"/> requests of the module about it
    /// arrived since <paramref name="since"/>: its id, or null when the limit is reached (rate limiting, atomic).
    /// </summary>
    public Task<long?> AddWithinLimitAsync(long hostedPartyId, string connectionId, string senderKey, string module, string type, string objectKey,
        string responseUrl, string document, string? correlationId, int limit, DateTime since, CancellationToken ct) =>
        InsertAsync(InsertWithinLimit(db.Dialect), new DynamicParameters(new
        {
            HostedPartyId = hostedPartyId, ConnectionId = connectionId, SenderKey = senderKey, Module = module, Type = type, ObjectKey = objectKey,
            ResponseUrl = responseUrl, Document = document, ChargerRef = (string?)null, CorrelationId = correlationId, Now, Limit = limit, Since = since,
        }), ct);

    private async Task<long?> InsertAsync(string sql, DynamicParameters args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteScalarAsync<long?>(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    /// <summary>The documents of the requests of one type a hosted party received since <paramref name="since"/>, newest first.</summary>
    public async Task<IReadOnlyList<string>> RecentDocumentsAsync(long hostedPartyId, string module, string type, DateTime since, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<string>(new CommandDefinition(SelectRecentOfType,
            new { HostedPartyId = hostedPartyId, Module = module, Type = type, Since = since }, db.Transaction, cancellationToken: ct))).ToList();

    public async Task<ReceivedRequest?> FindAsync(long id, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<ReceivedRequest>(new CommandDefinition(SelectOne, new { Id = id }, db.Transaction,
            cancellationToken: ct));

    /// <summary>Requests answered at once whose outcome is still unknown, received since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> UnansweredSinceAsync(DateTime since, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<ReceivedRequest>(new CommandDefinition(SelectUnansweredSince, new { Since = since }, db.Transaction,
            cancellationToken: ct))).ToList();

    public Task SetResponseAsync(long id, string response, CancellationToken ct) => Execute(UpdateResponse, new { Id = id, Response = response, Now }, ct);

    /// <summary>Records the outcome; false when one was recorded already.</summary>
    public async Task<bool> ClaimResultAsync(long id, string result, CancellationToken ct) =>
        await Execute(ClaimResult, new { Id = id, Result = result, Now }, ct) == 1;
}
