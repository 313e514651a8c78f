using Platform.Api.Infrastructure.Problems;

namespace Platform.Api.Admin.Connections;

/// <summary>
/// What the peer of a connection sent that we refused and what we sent that it refused, newest first, paged
/// (ADMIN-API.md second wave): what an operator tells the partner to fix.
/// </summary>
public sealed record GetConnectionProblems(string Id, AdminPage Page) : IRequest<AdminList<ProblemView>>;

public sealed record ProblemView(DateTime At, string Direction, string? Module, string? ObjectId, string? PeerStatus, string Reason);

public sealed class GetConnectionProblemsHandler(ConnectionStore connections, ConnectionProblems problems)
    : IRequestHandler<GetConnectionProblems, AdminList<ProblemView>>
{
    public async ValueTask<AdminList<ProblemView>> Handle(GetConnectionProblems request, CancellationToken ct)
    {
        if (await connections.FindAsync(request.Id, ct) is null) throw new RequestRejectedException(RejectionKind.NotFound, $"No connection {request.Id}");
        var (items, total) = await problems.PageAsync(request.Id, request.Page.Offset, request.Page.Limit, ct);
        return new AdminList<ProblemView>(items.Select(p => new ProblemView(p.At, p.Direction, p.Module, p.ObjectId, p.PeerStatus, p.Reason)).ToList(), total);
    }
}
