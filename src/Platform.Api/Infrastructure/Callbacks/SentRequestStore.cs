using System.Text.Json;
using Dapper;
using Platform.Api.Infrastructure.Telemetry;
using Platform.Ocpi.Json;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>The states of a request a hosted eMSP sent (ADMIN-API.md, emsp/commands).</summary>
public static class SentRequestStates
{
    /// <summary>Handed to the job that sends it; no answer yet.</summary>
    public const string Sent = "sent";
    /// <summary>The CPO answered ACCEPTED; the result is awaited at our response_url.</summary>
    public const string Accepted = "accepted";
    /// <summary>The CPO answered anything else (REJECTED, NOT_SUPPORTED, UNKNOWN_SESSION, TOO_OFTEN, …).</summary>
    public const string Rejected = "rejected";
    public const string ResultReceived = "result_received";
    /// <summary>No result within the CPO's timeout (M7): it is treated as lost.</summary>
    public const string TimedOut = "timed_out";
    /// <summary>No CPO could be reached or it answered with an error; <c>reason</c> says why.</summary>
    public const string Failed = "failed";
}

/// <summary>A request a hosted eMSP sent to a CPO: what it sent, the CPO's answer, and the result at our response_url.</summary>
public sealed class SentRequest
{
    public string Id { get; init; } = "";
    public long HostedPartyId { get; init; }
    public string Module { get; init; } = "";
    public string Type { get; init; } = "";
    public string CpoKey { get; init; } = "";
    public string? ConnectionId { get; init; }
    public string? ObjectId { get; init; }
    public string Document { get; init; } = "";
    public string State { get; init; } = SentRequestStates.Sent;
    public string? Reason { get; init; }
    public string? Response { get; init; }
    public string? Result { get; init; }
    public DateTime? TimeoutAt { get; init; }
    public DateTime? DispatchedAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    /// <summary>The result arrived after the request had ended; it is shown but changed nothing.</summary>
    public bool Late { get; init; }
}

/// <summary>SQL for <c>sent_requests</c>. Reads for a tenant name its hosted party; jobs address rows by id.</summary>
/// <remarks>Every state a request takes is counted here (<see cref="PlatformMetrics.SentRequest"/>), where it is set.</remarks>
public sealed class SentRequestStore(DbSession db, PlatformMetrics metrics, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, hosted_party_id AS HostedPartyId, module AS Module, type AS Type, cpo_key AS CpoKey, connection_id AS ConnectionId,
        object_id AS ObjectId, document AS Document, state AS State, reason AS Reason, response AS Response, result AS Result,
        timeout_at AS TimeoutAt, dispatched_at AS DispatchedAt, created_at AS CreatedAt, updated_at AS UpdatedAt, late AS Late
        """;

    private const string Insert = """
        INSERT INTO sent_requests (id, hosted_party_id, module, type, cpo_key, connection_id, object_id, document, state, reason,
                                   created_at, updated_at)
        VALUES (@Id, @HostedPartyId, @Module, @Type, @CpoKey, @ConnectionId, @ObjectId, @Document, @State, @Reason, @Now, @Now)
        """;

    private const string SelectById = "SELECT " + Columns + " FROM sent_requests WHERE id = @Id";

    private const string SelectOfParty = "SELECT " + Columns + " FROM sent_requests WHERE id = @Id AND hosted_party_id = @HostedPartyId AND module = @Module";

    private const string SelectListOfParty = "SELECT " + Columns + """
         FROM sent_requests
        WHERE hosted_party_id = @HostedPartyId AND module = @Module AND (@ObjectId IS NULL OR object_id = @ObjectId)
        ORDER BY created_at DESC, id
        """;

    private const string CountListOfParty = """
        SELECT COUNT(*) FROM sent_requests
        WHERE hosted_party_id = @HostedPartyId AND module = @Module AND (@ObjectId IS NULL OR object_id = @ObjectId)
        """;

    // Sending is never repeated (commands are not retried, 2.2.1 mod_commands): the first job to claim it sends it.
    // A send whose process dies before the answer is given up at @TimeoutAt.
    private const string Claim = """
        UPDATE sent_requests SET dispatched_at = @Now, timeout_at = @TimeoutAt, updated_at = @Now
        WHERE id = @Id AND state = 'sent' AND dispatched_at IS NULL
        """;

    // A result may overtake the answer (the CPO posts it before we stored the answer): the result's state stays.
    private const string RecordResponse = """
        UPDATE sent_requests
        SET response = @Response, reason = @Reason, state = CASE WHEN state = 'sent' THEN @State ELSE state END,
            timeout_at = @TimeoutAt, updated_at = @Now
        WHERE id = @Id
        """;

    private const string MarkFailed = "UPDATE sent_requests SET state = 'failed', reason = @Reason, updated_at = @Now WHERE id = @Id AND state = 'sent'";

    // Only a request still waiting (sent, accepted) takes a result as its outcome. A result after the request ended
    // (timed out: M7, treated as lost; rejected; failed) is kept for the operator as late, and the state stays: a
    // terminal state never changes. A later result of a request that had one is shown instead (a reservation's
    // response_url also hears CANCELED_RESERVATION, M6).
    private const string RecordResult = """
        UPDATE sent_requests
        SET result = @Result,
            late = CASE WHEN state IN ('sent', 'accepted', 'result_received') THEN 0 ELSE 1 END,
            state = CASE WHEN state IN ('sent', 'accepted') THEN 'result_received' ELSE state END,
            updated_at = @Now
        WHERE id = @Id AND hosted_party_id = @HostedPartyId
        """;

    private const string TimeOutOne = """
        UPDATE sent_requests SET state = 'timed_out', reason = @Reason, updated_at = @Now
        WHERE id = @Id AND state IN ('sent', 'accepted') AND timeout_at <= @Now
        """;

    [AcrossTenants("the pump times out overdue requests of every hosted party")]
    private const string SelectDue = "SELECT id FROM sent_requests WHERE state IN ('sent', 'accepted') AND timeout_at <= @Now";

    [AcrossTenants("the pump serves every hosted party")]
    private const string SelectUndispatched = "SELECT id FROM sent_requests WHERE state = 'sent' AND dispatched_at IS NULL AND created_at <= @Before";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<IReadOnlyList<T>> Query<T>(string sql, object args, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<T>(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct))).ToList();

    private async Task<int> Execute(string sql, object args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    public Task AddAsync(string id, long hostedPartyId, string module, string type, string cpoKey, string? connectionId, string? objectId,
        string document, string state, string? reason, CancellationToken ct) =>
        Execute(Insert, new
        {
            Id = id, HostedPartyId = hostedPartyId, Module = module, Type = type, CpoKey = cpoKey, ConnectionId = connectionId,
            ObjectId = objectId, Document = document, State = state, Reason = reason, Now,
        }, ct);

    public async Task<SentRequest?> FindAsync(string id, CancellationToken ct) => (await Query<SentRequest>(SelectById, new { Id = id }, ct)).SingleOrDefault();

    public async Task<SentRequest?> FindAsync(long hostedPartyId, string module, string id, CancellationToken ct) =>
        (await Query<SentRequest>(SelectOfParty, new { Id = id, HostedPartyId = hostedPartyId, Module = module }, ct)).SingleOrDefault();

    /// <summary>Newest first; <paramref name="objectId"/> narrows to the requests about one object.</summary>
    public async Task<(IReadOnlyList<SentRequest> Items, int Total)> ListAsync(long hostedPartyId, string module, string? objectId, int offset,
        int limit, CancellationToken ct)
    {
        var args = new { HostedPartyId = hostedPartyId, Module = module, ObjectId = objectId, Offset = offset, Limit = limit };
        var total = (await Query<int>(CountListOfParty, args, ct)).Single();
        return (await Query<SentRequest>(SelectListOfParty + " " + db.Dialect.PageClause, args, ct), total);
    }

    public async Task<bool> ClaimAsync(string id, DateTime giveUpAt, CancellationToken ct) =>
        await Execute(Claim, new { Id = id, TimeoutAt = giveUpAt, Now }, ct) == 1;

    public async Task RecordResponseAsync(SentRequest request, string response, string state, string? reason, DateTime? timeoutAt, CancellationToken ct)
    {
        await Execute(RecordResponse, new { request.Id, Response = response, State = state, Reason = reason, TimeoutAt = timeoutAt, Now }, ct);
        metrics.SentRequest(request.Module, request.Type, state);
    }

    public async Task FailAsync(SentRequest request, string reason, CancellationToken ct)
    {
        if (await Execute(MarkFailed, new { request.Id, Reason = Trim(reason), Now }, ct) == 1)
            metrics.SentRequest(request.Module, request.Type, SentRequestStates.Failed);
    }

    /// <summary>Stores a result; it ends the request only when <paramref name="sent"/> still awaited one (else it is late).</summary>
    public async Task RecordResultAsync(long hostedPartyId, SentRequest sent, string result, CancellationToken ct)
    {
        await Execute(RecordResult, new { sent.Id, HostedPartyId = hostedPartyId, Result = result, Now }, ct);
        // Counted once it is committed: in a caller's transaction that rolls back, the result was never received.
        if (sent.State is SentRequestStates.Sent or SentRequestStates.Accepted)
            db.AfterCommit(() => metrics.SentRequest(sent.Module, sent.Type, SentRequestStates.ResultReceived));
    }

    public async Task<bool> TimeOutAsync(string id, CancellationToken ct)
    {
        if (await Execute(TimeOutOne, new { Id = id, Reason = TimedOutReason, Now }, ct) != 1) return false;
        if (await FindAsync(id, ct) is { } request) metrics.SentRequest(request.Module, request.Type, SentRequestStates.TimedOut);
        return true;
    }

    /// <summary>Times out every overdue request, one by one so each is counted with its type; returns how many.</summary>
    public async Task<int> TimeOutDueAsync(CancellationToken ct)
    {
        var count = 0;
        foreach (var id in await Query<string>(SelectDue, new { Now }, ct))
            if (await TimeOutAsync(id, ct)) count++;
        return count;
    }

    /// <summary>Requests created before <paramref name="before"/> that no job has sent (e.g. its process stopped first).</summary>
    public Task<IReadOnlyList<string>> UndispatchedAsync(DateTime before, CancellationToken ct) => Query<string>(SelectUndispatched, new { Before = before }, ct);

    private const string TimedOutReason = "no result arrived within the timeout the CPO gave";

    private static string Trim(string text) => text.Length > 2000 ? text[..2000] : text;
}

/// <summary>How the back office shows a sent request (ADMIN-API.md: id, type, cpo, state, response, result).</summary>
public static class SentRequestView
{
    public static JsonObject Of(SentRequest request) => new()
    {
        ["id"] = request.Id,
        ["type"] = request.Type,
        ["cpo"] = request.CpoKey,
        ["state"] = request.State,
        ["reason"] = request.Reason,
        ["response"] = request.Response is null ? null : JsonNode.Parse(request.Response),
        ["result"] = request.Result is null ? null : JsonNode.Parse(request.Result),
        ["late"] = request.Late,
        ["request"] = JsonNode.Parse(request.Document),
        ["connection_id"] = request.ConnectionId,
        ["timeout_at"] = request.TimeoutAt is { } at ? Time(at) : null,
        ["created_at"] = Time(request.CreatedAt),
        ["updated_at"] = Time(request.UpdatedAt),
    };

    private static JsonNode? Time(DateTime at) => JsonSerializer.SerializeToNode(at, OcpiJson.Options);
}
