using Mediator;
using Platform.Api.Tenancy;

namespace Platform.Api.Admin.Connections;

public sealed record GetConnections : IRequest<IReadOnlyList<ConnectionView>>;

public sealed record GetConnection(string Id) : IRequest<ConnectionView>;

public sealed class GetConnectionsHandler(ConnectionStore connections, ConnectionViews views)
    : IRequestHandler<GetConnections, IReadOnlyList<ConnectionView>>, IRequestHandler<GetConnection, ConnectionView>
{
    public async ValueTask<IReadOnlyList<ConnectionView>> Handle(GetConnections request, CancellationToken ct)
    {
        var result = new List<ConnectionView>();
        foreach (var c in await connections.AllAsync(ct)) result.Add(await views.OfAsync(c, withAudit: false, ct));
        return result;
    }

    public async ValueTask<ConnectionView> Handle(GetConnection request, CancellationToken ct) =>
        await views.OfAsync(request.Id, withAudit: true, ct);
}
