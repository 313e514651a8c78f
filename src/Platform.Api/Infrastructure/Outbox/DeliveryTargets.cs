using Dapper;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Modules.Credentials;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Outbox;

/// <summary>
/// The parties a hosted party's change goes to, and over which connection (DESIGN.md "Routing table"):
/// <list type="bullet">
/// <item>each remote party with a receiving role, over a registered direct connection whose platform lists the
/// module's Receiver endpoint; a direct route always wins (topology 8: each object reaches each party once);</item>
/// <item>else over a Hub connection that reports the party CONNECTED or OFFLINE (an OFFLINE party's delivery waits);
/// when no client of that Hub is reached directly, a broadcastable object goes once to the Hub itself, which fans it
/// out (digest §2.4);</item>
/// <item>else over a suspended direct connection (the delivery waits for it);</item>
/// <item>and each other hosted party with a receiving role over an internal connection.</item>
/// </list>
/// </summary>
public sealed class DeliveryTargets(DbSession db)
{
    private const string SelectConnectionsOfParty = """
        SELECT c.id AS Id, c.kind AS Kind, c.state AS State, c.endpoints AS Endpoints,
               (SELECT COUNT(*) FROM remote_parties h WHERE h.connection_id = c.id AND h.role = 'HUB' AND h.source = 'credentials') AS HubRoles
        FROM connections c
        JOIN connection_parties cp ON cp.connection_id = c.id
        WHERE cp.party_id = @HostedPartyId AND c.state IN ('registered', 'suspended')
        """;

    private const string SelectRemoteTargets = """
        SELECT role AS Role, party_key AS PartyKey, source AS Source, status AS Status
        FROM remote_parties
        WHERE connection_id = @ConnectionId
        """;

    private const string SelectInternalTargets = """
        SELECT p.roles AS Role, p.party_key AS PartyKey, 'internal' AS Source, NULL AS Status
        FROM connection_parties cp
        JOIN parties p ON p.id = cp.party_id
        WHERE cp.connection_id = @ConnectionId AND cp.party_id <> @HostedPartyId
        """;

    public async Task<IReadOnlyList<DeliveryTarget>> ForAsync(long hostedPartyId, IPushModule module, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var direct = new List<DeliveryTarget>();
        var waitingDirect = new List<DeliveryTarget>();
        var internalTargets = new List<DeliveryTarget>();
        var viaHub = new List<(DeliveryTarget Target, string HubKey)>();
        foreach (var c in await connection.QueryAsync<ConnectionRow>(new CommandDefinition(SelectConnectionsOfParty, new { HostedPartyId = hostedPartyId }, db.Transaction, cancellationToken: ct)))
        {
            if (c.Kind == "internal")
            {
                var hosted = await connection.QueryAsync<TargetRow>(new CommandDefinition(SelectInternalTargets,
                    new { ConnectionId = c.Id, HostedPartyId = hostedPartyId }, db.Transaction, cancellationToken: ct));
                foreach (var party in hosted)
                    foreach (var role in PartyRoles.Parse(party.Role).Select(r => r.ToString()).Where(module.TargetRoles.Contains))
                        internalTargets.Add(new DeliveryTarget(c.Id, party.PartyKey, role));
                continue;
            }
            if (!PeerVersion.Parse(c.Endpoints).Any(e => e.Identifier == module.Module && e.Role == InterfaceRole.RECEIVER)) continue;
            var remote = (await connection.QueryAsync<TargetRow>(new CommandDefinition(SelectRemoteTargets, new { ConnectionId = c.Id }, db.Transaction, cancellationToken: ct))).ToList();
            if (c.HubRoles > 0)
            {
                var hubKey = remote.First(r => r.Role == "HUB").PartyKey;
                // PLANNED parties get nothing yet, SUSPENDED ones nothing any more (2.2.1 §4.8); OFFLINE ones wait.
                viaHub.AddRange(remote.Where(r => r.Source == "hubclientinfo" && r.Status is "CONNECTED" or "OFFLINE" && module.TargetRoles.Contains(r.Role))
                    .Select(r => (new DeliveryTarget(c.Id, r.PartyKey, r.Role), hubKey)));
                continue;
            }
            var targets = remote.Where(r => r.Source == "credentials" && module.TargetRoles.Contains(r.Role)).Select(r => new DeliveryTarget(c.Id, r.PartyKey, r.Role));
            (c.State == ConnectionStates.Registered ? direct : waitingDirect).AddRange(targets);
        }

        var reachedDirectly = direct.Select(t => t.TargetKey).ToHashSet();
        var hubRoutes = viaHub.Where(h => !reachedDirectly.Contains(h.Target.TargetKey)).ToList();
        var result = new List<DeliveryTarget>(direct);
        foreach (var hub in hubRoutes.GroupBy(h => (h.Target.ConnectionId, h.HubKey)))
        {
            var clientsReachedDirectly = viaHub.Any(h => h.Target.ConnectionId == hub.Key.ConnectionId && reachedDirectly.Contains(h.Target.TargetKey));
            if (module.Broadcastable && !clientsReachedDirectly)
                result.Add(new DeliveryTarget(hub.Key.ConnectionId, hub.Key.HubKey, "HUB"));
            else
                result.AddRange(hub.Select(h => h.Target));
        }
        var reached = result.Select(t => t.TargetKey).ToHashSet();
        result.AddRange(waitingDirect.Where(t => !reached.Contains(t.TargetKey) && !hubRoutes.Any(h => h.Target.TargetKey == t.TargetKey)));
        result.AddRange(internalTargets);
        // One delivery per (connection, party): a party holding two receiving roles gets the object once.
        return result.DistinctBy(t => (t.ConnectionId, t.TargetKey)).ToList();
    }

    private sealed class ConnectionRow
    {
        public string Id { get; init; } = "";
        public string Kind { get; init; } = "";
        public string State { get; init; } = "";
        public string? Endpoints { get; init; }
        public int HubRoles { get; init; }
    }

    private sealed class TargetRow
    {
        public string Role { get; init; } = "";
        public string PartyKey { get; init; } = "";
        public string Source { get; init; } = "";
        public string? Status { get; init; }
    }
}
