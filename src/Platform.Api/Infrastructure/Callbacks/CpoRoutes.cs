using Dapper;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Modules.Credentials;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>The connection a hosted eMSP's request to a CPO goes over, or why there is none.</summary>
public sealed record CpoRoute(string? ConnectionId, string? Kind, string? Unreachable);

/// <summary>
/// Finds a registered connection that carries both the hosted eMSP and the named CPO: a remote party with role CPO
/// (a peer platform or a Hub's client), or a party hosted here with role CPO over an internal connection.
/// A connection whose platform lists the module's Receiver endpoint is preferred.
/// </summary>
public sealed class CpoRoutes(DbSession db)
{
    private const string SelectCandidates = """
        SELECT c.id AS Id, c.kind AS Kind, c.endpoints AS Endpoints
        FROM connections c
        JOIN connection_parties cp ON cp.connection_id = c.id
        WHERE cp.party_id = @HostedPartyId AND c.state = 'registered'
          AND ((c.kind = 'remote' AND EXISTS (SELECT 1 FROM remote_parties r
                                              WHERE r.connection_id = c.id AND r.party_key = @CpoKey AND r.role = 'CPO'))
            OR (c.kind = 'internal' AND EXISTS (SELECT 1 FROM connection_parties other
                                                JOIN parties p ON p.id = other.party_id
                                                WHERE other.connection_id = c.id AND p.party_key = @CpoKey AND p.roles LIKE '%CPO%')))
        ORDER BY c.created_at, c.id
        """;

    public async Task<CpoRoute> FindAsync(long hostedPartyId, string cpoKey, string module, CancellationToken ct)
    {
        var candidates = (await (await db.ConnectionAsync(ct)).QueryAsync<Candidate>(new CommandDefinition(SelectCandidates,
            new { HostedPartyId = hostedPartyId, CpoKey = cpoKey }, db.Transaction, cancellationToken: ct))).ToList();
        var chosen = candidates.FirstOrDefault(c => c.Kind == "remote"
                         && PeerVersion.Parse(c.Endpoints).Any(e => e.Identifier == module && e.Role == InterfaceRole.RECEIVER))
                     ?? candidates.FirstOrDefault(c => c.Kind == "internal")
                     ?? candidates.FirstOrDefault();
        return chosen is null
            ? new CpoRoute(null, null, $"no registered connection carries both this eMSP and {cpoKey} as a CPO")
            : new CpoRoute(chosen.Id, chosen.Kind, null);
    }

    private sealed class Candidate
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Endpoints { get; init; }
    }
}
