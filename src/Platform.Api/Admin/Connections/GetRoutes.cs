using Mediator;
using Platform.Api.Tenancy;

namespace Platform.Api.Admin.Connections;

/// <summary>One way a remote party is reached: over which connection, directly or through a Hub, and whether it is the one used.</summary>
public sealed record RouteView(string Party, string Role, string ConnectionId, string ConnectionName, string Via, string ConnectionState,
    string? HubStatus, bool Used);

public sealed record GetRoutes : IRequest<IReadOnlyList<RouteView>>;

/// <summary>
/// The routing table as operators see it (<c>GET /admin/routes</c>): every (remote party, role) and each connection
/// that reaches it; <c>used</c> marks the one pushes and requests take: a registered direct connection, else a Hub
/// that reports the party CONNECTED (DESIGN.md "Routing table").
/// </summary>
public sealed class GetRoutesHandler(ConnectionStore connections) : IRequestHandler<GetRoutes, IReadOnlyList<RouteView>>
{
    public async ValueTask<IReadOnlyList<RouteView>> Handle(GetRoutes request, CancellationToken ct)
    {
        var all = (await connections.AllAsync(ct)).Where(c => c.State is not ConnectionStates.Unregistered).ToDictionary(c => c.Id);
        var remote = await connections.AllRemotePartiesAsync(ct);
        var hubs = all.Keys.Where(id => remote[id].Any(r => r.Role == "HUB" && r.Source == "credentials")).ToHashSet();
        var routes = all.Values.SelectMany(c => remote[c.Id].Where(r => r.Role != "HUB").Select(r => (Party: PartyKey.Of(r.CountryCode, r.PartyId), r.Role, Connection: c,
            Via: hubs.Contains(c.Id) ? "hub" : "direct", r.Status))).ToList();
        return routes
            .GroupBy(r => (r.Party, r.Role))
            .SelectMany(g =>
            {
                var used = g.FirstOrDefault(r => r.Via == "direct" && r.Connection.State == ConnectionStates.Registered) is { Connection: not null } direct
                    ? direct
                    : g.FirstOrDefault(r => r.Via == "hub" && r.Status == "CONNECTED" && r.Connection.State == ConnectionStates.Registered);
                return g.Select(r => new RouteView(r.Party, r.Role, r.Connection.Id, r.Connection.Name, r.Via, r.Connection.State, r.Status,
                    used.Connection is not null && r.Connection.Id == used.Connection.Id));
            })
            .OrderBy(r => r.Party).ThenBy(r => r.Role).ToList();
    }
}
