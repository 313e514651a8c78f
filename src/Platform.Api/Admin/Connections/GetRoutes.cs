namespace Platform.Api.Admin.Connections;

/// <summary>
/// One way a hosted party reaches a party: over which connection, internally, directly or through a Hub, and whether
/// it is the one used now.
/// </summary>
public sealed record RouteView(string HostedParty, string Party, string Role, string ConnectionId, string ConnectionName, string Via,
    string ConnectionState, string? HubStatus, bool Used);

public sealed record GetRoutes : IRequest<IReadOnlyList<RouteView>>;

/// <summary>
/// The routing table as operators see it (<c>GET /admin/routes</c>): for every hosted party, each (party, role) it
/// can reach and each connection that reaches it; <c>used</c> marks the one <see cref="Routing.Choose"/> picks, the
/// same rule pushes, pulls and requests follow.
/// </summary>
public sealed class GetRoutesHandler(PartyStore parties, Routing routing) : IRequestHandler<GetRoutes, IReadOnlyList<RouteView>>
{
    public async ValueTask<IReadOnlyList<RouteView>> Handle(GetRoutes request, CancellationToken ct)
    {
        var views = new List<RouteView>();
        foreach (var hosted in await parties.AllAsync(ct))
        {
            var ways = (await routing.CandidatesAsync(hosted.Id, ct)).Where(w => w.InternalPartyId != hosted.Id);
            foreach (var party in ways.GroupBy(w => (w.PartyKey, w.Role)))
            {
                var used = Routing.Choose(party);
                views.AddRange(party.Select(w => new RouteView(hosted.Key, w.PartyKey, w.Role.ToString(), w.Connection.Id, w.Connection.Name,
                    w.Via.ToString().ToLowerInvariant(), w.Connection.State, w.HubStatus, w == used)));
            }
        }
        return views.OrderBy(v => v.HostedParty).ThenBy(v => v.Party).ThenBy(v => v.Role).ToList();
    }
}
