using Dapper;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Model.HubClientInfo;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Tenancy;

/// <summary>How a route reaches its party, in the order the routing rule prefers them.</summary>
public enum RouteVia { Internal, Direct, Hub }

/// <summary>
/// One way a hosted party can reach a (party, role): over which connection and how. <see cref="HubStatus"/> is
/// what a Hub's ClientInfo says of the party; <see cref="InternalPartyId"/> is the party's id when it is hosted here.
/// </summary>
public sealed record RouteCandidate(Connection Connection, RouteVia Via, string PartyKey, Role Role, string? HubStatus, string? HubKey,
    long? InternalPartyId)
{
    public bool Registered => Connection.State == ConnectionStates.Registered;

    /// <summary>Usable for a call now: a registered connection, and through a Hub only while it reports the party CONNECTED.</summary>
    public bool UsableNow => Registered && (Via != RouteVia.Hub || HubStatus == nameof(ConnectionStatus.CONNECTED));

    /// <summary>Whether the connection offers the module's interface (an internal connection serves every module).</summary>
    public bool Offers(string module, InterfaceRole role) => Via == RouteVia.Internal || PeerEndpoints.Lists(Connection, module, role);
}

/// <summary>The route a request takes to a party now, or why there is none.</summary>
public sealed record RouteDecision(RouteCandidate? Route, string? Unreachable)
{
    public Connection? Connection => Route?.Connection;
    public bool Internal => Route?.Via == RouteVia.Internal;
}

/// <summary>
/// The routing table (DESIGN.md "Routing table"), the one place that decides over which connection a hosted party
/// reaches another party. It answers the two questions everything asks, and <c>GET /admin/routes</c> shows its
/// <see cref="Choose"/> rule, so what operators see is what pushes, pulls, commands, charging profiles and
/// real-time authorization do:
/// <list type="bullet">
/// <item><see cref="ReachAsync"/>: how do I reach party P in role R for a module's interface now;</item>
/// <item><see cref="TargetsAsync"/>: which targets must hear of my change to a module.</item>
/// </list>
/// Only connections the hosted party takes part in count. Internal beats direct beats Hub (topology 8); a Hub only
/// while it reports the party CONNECTED (2.2.1 §4.8).
/// </summary>
public sealed class Routing(DbSession db, ConnectionStore connections)
{
    private const string SelectRemoteCandidates = """
        SELECT c.id AS ConnectionId, r.role AS Role, r.party_key AS PartyKey, r.source AS Source, r.status AS Status
        FROM connections c
        JOIN connection_parties cp ON cp.connection_id = c.id
        JOIN remote_parties r ON r.connection_id = c.id
        WHERE cp.party_id = @HostedPartyId AND c.kind = 'remote' AND c.state IN ('registered', 'suspended')
        """;

    private const string SelectInternalCandidates = """
        SELECT c.id AS ConnectionId, p.id AS PartyId, p.party_key AS PartyKey, p.roles AS Roles
        FROM connections c
        JOIN connection_parties mine ON mine.connection_id = c.id
        JOIN connection_parties theirs ON theirs.connection_id = c.id
        JOIN parties p ON p.id = theirs.party_id
        WHERE mine.party_id = @HostedPartyId AND c.kind = 'internal' AND c.state = 'registered'
        """;

    /// <summary>
    /// The route used now among the ways to one (party, role): internal, else the oldest registered direct
    /// connection, else a registered Hub that reports the party CONNECTED.
    /// </summary>
    public static RouteCandidate? Choose(IEnumerable<RouteCandidate> ways) =>
        ways.Where(w => w.UsableNow).OrderBy(w => w.Via).ThenBy(w => w.Connection.RegisteredAt).FirstOrDefault();

    /// <summary>Every way the hosted party reaches other parties (remote ones through connections it takes part in, and hosted ones).</summary>
    public async Task<IReadOnlyList<RouteCandidate>> CandidatesAsync(long hostedPartyId, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var args = new { HostedPartyId = hostedPartyId };
        var remote = (await connection.QueryAsync<RemoteRow>(new CommandDefinition(SelectRemoteCandidates, args, db.Transaction, cancellationToken: ct))).ToList();
        var inside = (await connection.QueryAsync<InternalRow>(new CommandDefinition(SelectInternalCandidates, args, db.Transaction, cancellationToken: ct))).ToList();
        var byId = new Dictionary<string, Connection>();
        foreach (var id in remote.Select(r => r.ConnectionId).Concat(inside.Select(i => i.ConnectionId)).Distinct())
            if (await connections.FindAsync(id, ct) is { } found) byId[id] = found;

        var result = new List<RouteCandidate>();
        foreach (var group in remote.Where(r => byId.ContainsKey(r.ConnectionId)).GroupBy(r => r.ConnectionId))
        {
            var hubKey = group.FirstOrDefault(r => r.Role == nameof(Role.HUB) && r.Source == RemotePartySources.Credentials)?.PartyKey;
            foreach (var r in group)
            {
                if (!Enum.TryParse<Role>(r.Role, out var role) || role == Role.HUB) continue;
                // A Hub connection reaches the parties its ClientInfo names; a direct one those its credentials declare.
                if ((hubKey is null) != (r.Source == RemotePartySources.Credentials)) continue;
                result.Add(new RouteCandidate(byId[group.Key], hubKey is null ? RouteVia.Direct : RouteVia.Hub, r.PartyKey, role, r.Status, hubKey, null));
            }
        }
        foreach (var i in inside.Where(i => byId.ContainsKey(i.ConnectionId)))
            foreach (var role in PartyRoles.Parse(i.Roles))
                result.Add(new RouteCandidate(byId[i.ConnectionId], RouteVia.Internal, i.PartyKey, role, null, null, i.PartyId));
        return result;
    }

    /// <summary>How the hosted party reaches <paramref name="partyKey"/> as <paramref name="role"/> for a module's interface now.</summary>
    public async Task<RouteDecision> ReachAsync(long hostedPartyId, string partyKey, Role role, string module, InterfaceRole interfaceRole,
        CancellationToken ct)
    {
        var ways = (await CandidatesAsync(hostedPartyId, ct)).Where(w => w.PartyKey == partyKey && w.Role == role).ToList();
        var chosen = Choose(ways);
        if (chosen is null)
            return new RouteDecision(null, $"no registered connection carries both this party and {partyKey} as a {role}");
        return chosen.Offers(module, interfaceRole)
            ? new RouteDecision(chosen, null)
            : new RouteDecision(null, $"the platform reaching {partyKey} lists no {module} {interfaceRole} endpoint");
    }

    /// <summary>
    /// The parties a hosted party's change to a module goes to, and over which connection:
    /// <list type="bullet">
    /// <item>each party with a receiving role over the route <see cref="Choose"/> picks, among connections that list
    /// the module's Receiver endpoint;</item>
    /// <item>when there is none now, over a Hub that reports it OFFLINE, else over a suspended connection: the
    /// delivery waits there (PLANNED and SUSPENDED Hub parties get nothing, 2.2.1 §4.8);</item>
    /// <item>a broadcastable object goes once to a Hub (OCPI-to = the Hub) instead of to each of its clients, unless
    /// one of them is reached directly (digest §2.4).</item>
    /// </list>
    /// One delivery per (connection, party): a party holding two receiving roles gets the object once.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryTarget>> TargetsAsync(long hostedPartyId, string module, IReadOnlySet<Role> targetRoles, bool broadcastable,
        CancellationToken ct)
    {
        var ways = (await CandidatesAsync(hostedPartyId, ct))
            .Where(w => targetRoles.Contains(w.Role) && w.InternalPartyId != hostedPartyId && w.Offers(module, InterfaceRole.RECEIVER))
            .ToList();
        var chosen = new List<RouteCandidate>();
        foreach (var party in ways.GroupBy(w => (w.PartyKey, w.Role)))
            if ((Choose(party) ?? Waiting(party)) is { } route) chosen.Add(route);

        var reachedDirectly = chosen.Where(c => c.Via == RouteVia.Direct && c.Registered).Select(c => c.PartyKey).ToHashSet();
        var result = new List<DeliveryTarget>();
        foreach (var group in chosen.GroupBy(c => c.Via == RouteVia.Hub ? c.Connection.Id : null))
        {
            var hubClientReachedDirectly = group.Key is not null && ways.Any(w => w.Connection.Id == group.Key && w.Via == RouteVia.Hub
                && w.HubStatus is nameof(ConnectionStatus.CONNECTED) or nameof(ConnectionStatus.OFFLINE) && reachedDirectly.Contains(w.PartyKey));
            if (group.Key is not null && broadcastable && !hubClientReachedDirectly)
                result.Add(new DeliveryTarget(group.Key, group.First().HubKey!, nameof(Role.HUB)));
            else
                result.AddRange(group.Select(c => new DeliveryTarget(c.Connection.Id, c.PartyKey, c.Role.ToString())));
        }
        return result.DistinctBy(t => (t.ConnectionId, t.TargetKey)).ToList();
    }

    /// <summary>Where a delivery waits when no route is usable now: a Hub that reports the party OFFLINE, else a suspended connection.</summary>
    private static RouteCandidate? Waiting(IEnumerable<RouteCandidate> ways) =>
        ways.Where(w => w.Via == RouteVia.Hub ? w.HubStatus is nameof(ConnectionStatus.CONNECTED) or nameof(ConnectionStatus.OFFLINE) : w.Via == RouteVia.Direct)
            .OrderByDescending(w => w.Via).ThenBy(w => w.Connection.RegisteredAt).FirstOrDefault();

    private sealed class RemoteRow
    {
        public string ConnectionId { get; init; } = "";
        public string Role { get; init; } = "";
        public string PartyKey { get; init; } = "";
        public string Source { get; init; } = "";
        public string? Status { get; init; }
    }

    private sealed class InternalRow
    {
        public string ConnectionId { get; init; } = "";
        public long PartyId { get; init; }
        public string PartyKey { get; init; } = "";
        public string Roles { get; init; } = "";
    }
}

/// <summary>Where a remote party of a connection comes from: the peer's credentials roles, or a Hub's ClientInfo.</summary>
public static class RemotePartySources
{
    public const string Credentials = "credentials";
    public const string HubClientInfo = "hubclientinfo";
}
