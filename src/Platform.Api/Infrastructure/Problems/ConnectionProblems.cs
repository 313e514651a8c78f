using Dapper;

namespace Platform.Api.Infrastructure.Problems;

/// <summary>One refusal on a connection: what was refused, by whom (direction), and why.</summary>
public sealed class ConnectionProblem
{
    public long Id { get; init; }
    public DateTime At { get; init; }
    public string Direction { get; init; } = "";
    public string? Module { get; init; }
    public string? ObjectId { get; init; }
    public string? PeerStatus { get; init; }
    public string Reason { get; init; } = "";
}

public static class ProblemDirections
{
    /// <summary>The peer sent it (push, pull answer, command, result) and we refused it.</summary>
    public const string Inbound = "inbound";
    /// <summary>We sent it and the peer refused it (or could not be reached).</summary>
    public const string Outbound = "outbound";
}

/// <summary>
/// Interop diagnostics per connection (<c>connection_problems</c>): every object or call refused either way, so an
/// operator can tell the partner what to fix. Written outside the refused request's transaction (it rolled back);
/// bounded at <see cref="MaxPerConnection"/> per connection, the oldest dropped.
/// </summary>
public sealed class ConnectionProblems(DbSession db, TimeProvider clock, ILogger<ConnectionProblems> logger)
{
    public const int MaxPerConnection = 1000;

    private const string Insert = """
        INSERT INTO connection_problems (connection_id, at, direction, module, object_id, peer_status, reason)
        VALUES (@ConnectionId, @At, @Direction, @Module, @ObjectId, @PeerStatus, @Reason)
        """;

    private const string SelectOldestKept = "SELECT id FROM connection_problems WHERE connection_id = @ConnectionId ORDER BY id DESC";

    private const string DeleteOlder = "DELETE FROM connection_problems WHERE connection_id = @ConnectionId AND id < @OldestKept";

    private const string SelectPage = """
        SELECT id AS Id, at AS At, direction AS Direction, module AS Module, object_id AS ObjectId, peer_status AS PeerStatus, reason AS Reason
        FROM connection_problems WHERE connection_id = @ConnectionId
        ORDER BY id DESC
        """;

    private const string Count = "SELECT COUNT(*) FROM connection_problems WHERE connection_id = @ConnectionId";

    /// <summary>Records a refusal; never throws, since a diagnostic must not turn an answer into an error.</summary>
    public async Task RecordAsync(string connectionId, string direction, string? module, string? objectId, string? peerStatus, string reason,
        CancellationToken ct)
    {
        try
        {
            var connection = await db.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(Insert, new
            {
                ConnectionId = connectionId, At = clock.GetUtcNow().UtcDateTime, Direction = direction, Module = module,
                ObjectId = Cut(objectId, 64), PeerStatus = Cut(peerStatus, 100), Reason = Cut(reason, 2000),
            }, db.Transaction, cancellationToken: ct));
            var oldestKept = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(SelectOldestKept + " " + db.Dialect.PageClause,
                new { ConnectionId = connectionId, Offset = MaxPerConnection - 1, Limit = 1 }, db.Transaction, cancellationToken: ct));
            if (oldestKept is { } id)
                await connection.ExecuteAsync(new CommandDefinition(DeleteOlder, new { ConnectionId = connectionId, OldestKept = id }, db.Transaction,
                    cancellationToken: ct));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not record a problem on connection {OcpiConnectionId}: {Reason}", connectionId, reason);
        }
    }

    /// <summary>Newest first.</summary>
    public async Task<(IReadOnlyList<ConnectionProblem> Items, int Total)> PageAsync(string connectionId, int offset, int limit, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var args = new { ConnectionId = connectionId, Offset = offset, Limit = limit };
        var items = await connection.QueryAsync<ConnectionProblem>(new CommandDefinition(SelectPage + " " + db.Dialect.PageClause, args, db.Transaction,
            cancellationToken: ct));
        return (items.ToList(), await CountAsync(connectionId, ct));
    }

    public async Task<int> CountAsync(string connectionId, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteScalarAsync<int>(new CommandDefinition(Count, new { ConnectionId = connectionId }, db.Transaction,
            cancellationToken: ct));

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
