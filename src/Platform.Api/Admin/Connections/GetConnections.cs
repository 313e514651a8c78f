using Mediator;

namespace Platform.Api.Admin.Connections;

public sealed record GetConnections : IRequest<IReadOnlyList<ConnectionView>>;

public sealed record GetConnection(string Id) : IRequest<ConnectionView>;

public sealed class GetConnectionsHandler(ConnectionViews views, Platform.Api.Infrastructure.Problems.ConnectionProblems problems)
    : IRequestHandler<GetConnections, IReadOnlyList<ConnectionView>>, IRequestHandler<GetConnection, ConnectionView>
{
    public async ValueTask<IReadOnlyList<ConnectionView>> Handle(GetConnections request, CancellationToken ct) => await views.AllAsync(ct);

    public async ValueTask<ConnectionView> Handle(GetConnection request, CancellationToken ct) =>
        await views.OfAsync(request.Id, withAudit: true, ct) with { ProblemCount = await problems.CountAsync(request.Id, ct) };
}
