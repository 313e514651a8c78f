using Dapper;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>One conformance probe of a connection's peer, as stored (<c>connection_probes</c>).</summary>
public sealed class ProbeRow
{
    public string Id { get; init; } = "";
    public string ConnectionId { get; init; } = "";
    public string State { get; init; } = ProbeStates.Running;
    public bool Writes { get; init; }
    public string? Modules { get; init; }
    public string? Version { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    public string? Report { get; init; }
}

public static class ProbeStates
{
    public const string Running = "running";
    public const string Done = "done";
}

/// <summary>
/// Probes belong to a connection, not to a hosted party: an operator runs them for the whole connection, so every
/// statement names the connection (and a probe is never found through another connection's URL).
/// </summary>
public sealed class ProbeStore(DbSession db)
{
    private const string Insert = """
        INSERT INTO connection_probes (id, connection_id, state, writes, modules, version, started_at)
        VALUES (@Id, @ConnectionId, @State, @Writes, @Modules, @Version, @StartedAt)
        """;

    private const string Finish = """
        UPDATE connection_probes SET state = @State, finished_at = @FinishedAt, report = @Report
        WHERE connection_id = @ConnectionId AND id = @Id
        """;

    private const string SelectColumns = """
        SELECT id AS Id, connection_id AS ConnectionId, state AS State, writes AS Writes, modules AS Modules, version AS Version,
               started_at AS StartedAt, finished_at AS FinishedAt, report AS Report
        FROM connection_probes
        """;

    private const string SelectOne = SelectColumns + " WHERE connection_id = @ConnectionId AND id = @Id";

    private const string SelectPage = SelectColumns + " WHERE connection_id = @ConnectionId ORDER BY started_at DESC, id DESC";

    private const string Count = "SELECT COUNT(*) FROM connection_probes WHERE connection_id = @ConnectionId";

    public async Task AddAsync(ProbeRow probe, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(Insert, probe, db.Transaction, cancellationToken: ct));

    public async Task FinishAsync(string connectionId, string id, DateTime finishedAt, string report, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(Finish,
            new { ConnectionId = connectionId, Id = id, State = ProbeStates.Done, FinishedAt = finishedAt, Report = report }, db.Transaction,
            cancellationToken: ct));

    public async Task<ProbeRow?> FindAsync(string connectionId, string id, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<ProbeRow>(new CommandDefinition(SelectOne,
            new { ConnectionId = connectionId, Id = id }, db.Transaction, cancellationToken: ct));

    /// <summary>Newest first.</summary>
    public async Task<(IReadOnlyList<ProbeRow> Items, int Total)> PageAsync(string connectionId, int offset, int limit, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var args = new { ConnectionId = connectionId, Offset = offset, Limit = limit };
        var items = await connection.QueryAsync<ProbeRow>(new CommandDefinition(SelectPage + " " + db.Dialect.PageClause, args, db.Transaction,
            cancellationToken: ct));
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(Count, args, db.Transaction, cancellationToken: ct));
        return (items.ToList(), total);
    }
}
