using Dapper;
using Platform.Ocpi;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs.Audit;

/// <summary>A received CDR with the audit stored for it (null when it was received before audits existed).</summary>
public sealed class AuditedCdr
{
    public string Document { get; init; } = "";
    public string? Audit { get; init; }
}

/// <summary>SQL for CDR audits: one per received CDR of a hosted eMSP, and the eMSP's CDR list filtered by result.</summary>
public sealed class CdrAuditStore(DbSession db, TimeProvider clock)
{
    private const string Update = """
        UPDATE cdr_audits SET result = @Result, document = @Document, audited_at = @Now
        WHERE hosted_party_id = @HostedPartyId AND owner_key = @OwnerKey AND object_key = @ObjectKey
        """;

    private const string Insert = """
        INSERT INTO cdr_audits (hosted_party_id, owner_key, object_key, result, document, audited_at)
        VALUES (@HostedPartyId, @OwnerKey, @ObjectKey, @Result, @Document, @Now)
        """;

    private const string Received = """
        FROM ocpi_objects o
        LEFT JOIN cdr_audits a ON a.hosted_party_id = o.hosted_party_id AND a.owner_key = o.owner_key AND a.object_key = o.object_key
        WHERE o.module = @Module AND o.hosted_party_id = @HostedPartyId AND o.side = @Side
          AND (@OwnerKey IS NULL OR o.owner_key = @OwnerKey)
          AND (@Result IS NULL OR a.result = @Result)
        """;

    private const string SelectPage = "SELECT o.document AS Document, a.document AS Audit " + Received + " ORDER BY o.last_updated, o.id";

    private const string CountPage = "SELECT COUNT(*) " + Received;

    private const string SelectById = "SELECT o.document AS Document, a.document AS Audit " + Received + " AND o.object_key = @ObjectKey";

    public async Task SaveAsync(long emspPartyId, string ownerKey, string cdrId, string result, string document, CancellationToken ct)
    {
        var args = new { HostedPartyId = emspPartyId, OwnerKey = ownerKey, ObjectKey = CiString.Key(cdrId), Result = result, Document = document, Now = clock.GetUtcNow().UtcDateTime };
        var connection = await db.ConnectionAsync(ct);
        if (await connection.ExecuteAsync(new CommandDefinition(Update, args, db.Transaction, cancellationToken: ct)) == 0)
            await connection.ExecuteAsync(new CommandDefinition(Insert, args, db.Transaction, cancellationToken: ct));
    }

    public async Task<(IReadOnlyList<AuditedCdr> Items, int Total)> PageAsync(long emspPartyId, string? ownerKey, string? result, int offset, int limit,
        CancellationToken ct)
    {
        var args = new { Module = ModuleIds.Cdrs, HostedPartyId = emspPartyId, Side = ObjectSide.Received, OwnerKey = ownerKey, Result = result, Offset = offset, Limit = limit };
        var connection = await db.ConnectionAsync(ct);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountPage, args, db.Transaction, cancellationToken: ct));
        var rows = await connection.QueryAsync<AuditedCdr>(new CommandDefinition(SelectPage + " " + db.Dialect.PageClause, args, db.Transaction, cancellationToken: ct));
        return (rows.ToList(), total);
    }

    public async Task<IReadOnlyList<AuditedCdr>> FindAsync(long emspPartyId, string? ownerKey, string cdrId, CancellationToken ct)
    {
        var args = new { Module = ModuleIds.Cdrs, HostedPartyId = emspPartyId, Side = ObjectSide.Received, OwnerKey = ownerKey, Result = (string?)null, ObjectKey = CiString.Key(cdrId) };
        return (await (await db.ConnectionAsync(ct)).QueryAsync<AuditedCdr>(new CommandDefinition(SelectById, args, db.Transaction, cancellationToken: ct))).ToList();
    }
}
