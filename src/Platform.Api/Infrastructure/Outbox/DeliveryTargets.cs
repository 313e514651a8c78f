using Dapper;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Modules.Credentials;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Outbox;

/// <summary>
/// The parties a hosted party's change goes to: over every live connection it takes part in, each remote party
/// with a receiving role whose platform lists the module's Receiver endpoint, and, over internal connections,
/// each other hosted party with a receiving role.
/// </summary>
public sealed class DeliveryTargets(DbSession db)
{
    private const string SelectConnectionsOfParty = """
        SELECT c.id AS Id, c.kind AS Kind, c.state AS State, c.endpoints AS Endpoints
        FROM connections c
        JOIN connection_parties cp ON cp.connection_id = c.id
        WHERE cp.party_id = @HostedPartyId AND c.state IN ('registered', 'suspended')
        """;

    private const string SelectRemoteTargets = """
        SELECT role AS Role, party_key AS PartyKey
        FROM remote_parties
        WHERE connection_id = @ConnectionId AND (source = 'credentials' OR status = 'CONNECTED')
        """;

    private const string SelectInternalTargets = """
        SELECT p.roles AS Role, p.party_key AS PartyKey
        FROM connection_parties cp
        JOIN parties p ON p.id = cp.party_id
        WHERE cp.connection_id = @ConnectionId AND cp.party_id <> @HostedPartyId
        """;

    public async Task<IReadOnlyList<DeliveryTarget>> ForAsync(long hostedPartyId, IPushModule module, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var targets = new List<DeliveryTarget>();
        foreach (var c in await connection.QueryAsync<ConnectionRow>(new CommandDefinition(SelectConnectionsOfParty, new { HostedPartyId = hostedPartyId }, db.Transaction, cancellationToken: ct)))
        {
            if (c.Kind == "internal")
            {
                var hosted = await connection.QueryAsync<TargetRow>(new CommandDefinition(SelectInternalTargets,
                    new { ConnectionId = c.Id, HostedPartyId = hostedPartyId }, db.Transaction, cancellationToken: ct));
                foreach (var party in hosted)
                    foreach (var role in PartyRoles.Parse(party.Role).Select(r => r.ToString()).Where(module.TargetRoles.Contains))
                        targets.Add(new DeliveryTarget(c.Id, party.PartyKey, role));
                continue;
            }
            if (!PeerVersion.Parse(c.Endpoints).Any(e => e.Identifier == module.Module && e.Role == InterfaceRole.RECEIVER)) continue;
            var remote = await connection.QueryAsync<TargetRow>(new CommandDefinition(SelectRemoteTargets, new { ConnectionId = c.Id }, db.Transaction, cancellationToken: ct));
            targets.AddRange(remote.Where(r => module.TargetRoles.Contains(r.Role)).Select(r => new DeliveryTarget(c.Id, r.PartyKey, r.Role)));
        }
        // One delivery per (connection, party): a party holding two receiving roles gets the object once.
        return targets.DistinctBy(t => (t.ConnectionId, t.TargetKey)).ToList();
    }

    private sealed class ConnectionRow
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string State { get; init; } = "";
        public string? Endpoints { get; init; }
    }

    private sealed class TargetRow
    {
        public string Role { get; init; } = "";
        public string PartyKey { get; init; } = "";
    }
}
