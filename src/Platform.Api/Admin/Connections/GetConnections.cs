namespace Platform.Api.Admin.Connections;

public sealed record GetConnections(AdminPage Page) : IRequest<AdminList<ConnectionView>>;

public sealed record GetConnection(string Id) : IRequest<ConnectionView>;

public sealed class GetConnectionsHandler(ConnectionViews views, Platform.Api.Infrastructure.Problems.ConnectionProblems problems)
    : IRequestHandler<GetConnections, AdminList<ConnectionView>>, IRequestHandler<GetConnection, ConnectionView>
{
    public async ValueTask<AdminList<ConnectionView>> Handle(GetConnections request, CancellationToken ct) =>
        AdminList<ConnectionView>.Of(await views.AllAsync(ct), request.Page);

    public async ValueTask<ConnectionView> Handle(GetConnection request, CancellationToken ct) =>
        await views.OfAsync(request.Id, withAudit: true, ct) with { ProblemCount = await problems.CountAsync(request.Id, ct) };
}
