using Dapper;
using Platform.Api.Infrastructure.Data;

namespace Platform.Api.Tenancy;

/// <summary>How a hosted party reaches another party for a request: over which connection, and whether in-process.</summary>
public sealed record Route(Connection Connection, bool Internal, long? InternalPartyId);

/// <summary>
/// Finds the connection over which a hosted party reaches a party with a role (DESIGN.md "Routing table"): an
/// internal connection when the party is hosted here and shares one, else a registered direct connection that
/// carries it, else a Hub connection whose Hub reports the party CONNECTED. Only connections the hosted party takes
/// part in are considered.
/// </summary>
public sealed class RoutingTable(DbSession db, ConnectionStore connections)
{
    private const string SelectDirect = """
        SELECT c.id
        FROM connections c
        JOIN connection_parties cp ON cp.connection_id = c.id
        WHERE cp.party_id = @HostedPartyId AND c.kind = 'remote' AND c.state = 'registered'
          AND EXISTS (SELECT 1 FROM remote_parties r
                      WHERE r.connection_id = c.id AND r.party_key = @PartyKey AND r.role = @Role AND r.source = @Source
                        AND (r.source = 'credentials' OR r.status = 'CONNECTED'))
        ORDER BY c.registered_at
        """;

    private const string SelectInternal = """
        SELECT c.id AS ConnectionId, p.id AS PartyId, p.roles AS Roles
        FROM connections c
        JOIN connection_parties mine ON mine.connection_id = c.id
        JOIN connection_parties theirs ON theirs.connection_id = c.id
        JOIN parties p ON p.id = theirs.party_id
        WHERE mine.party_id = @HostedPartyId AND c.kind = 'internal' AND c.state = 'registered' AND p.party_key = @PartyKey
        """;

    public async Task<Route?> FindAsync(long hostedPartyId, string partyKey, string role, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var args = new { HostedPartyId = hostedPartyId, PartyKey = partyKey, Role = role };
        foreach (var row in await connection.QueryAsync<InternalRow>(new CommandDefinition(SelectInternal, args, db.Transaction, cancellationToken: ct)))
            if (PartyRoles.Parse(row.Roles).Any(r => r.ToString() == role))
                return new Route((await connections.FindAsync(row.ConnectionId, ct))!, true, row.PartyId);
        // A direct connection wins over a Hub that also reaches the party (topology 8).
        foreach (var source in new[] { "credentials", "hubclientinfo" })
        {
            var found = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(SelectDirect,
                new { HostedPartyId = hostedPartyId, PartyKey = partyKey, Role = role, Source = source }, db.Transaction, cancellationToken: ct));
            if (found is not null) return new Route((await connections.FindAsync(found, ct))!, false, null);
        }
        return null;
    }

    private sealed class InternalRow
    {
        public string ConnectionId { get; init; } = "";
        public long PartyId { get; init; }
        public string Roles { get; init; } = "";
    }
}
