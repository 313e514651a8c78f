using System.Text.Json;
using Platform.Api.Infrastructure.Probes;

namespace Platform.Api.Admin.Connections;

/// <summary>The probes of a connection, newest first and paged, each with its report so far.</summary>
public sealed record GetProbes(string ConnectionId, AdminPage Page) : IRequest<IResult>;

/// <summary>One probe of a connection; a probe id of another connection is not found.</summary>
public sealed record GetProbe(string ConnectionId, string ProbeId) : IRequest<IResult>;

public sealed class GetProbesHandler(ConnectionStore connections, ProbeStore probes)
    : IRequestHandler<GetProbes, IResult>, IRequestHandler<GetProbe, IResult>
{
    public async ValueTask<IResult> Handle(GetProbes request, CancellationToken ct)
    {
        await EnsureConnectionAsync(request.ConnectionId, ct);
        var (items, total) = await probes.PageAsync(request.ConnectionId, request.Page.Offset, request.Page.Limit, ct);
        return new AdminList<ProbeView>(items.Select(View).ToList(), total, ProbeJson.Options);
    }

    public async ValueTask<IResult> Handle(GetProbe request, CancellationToken ct)
    {
        await EnsureConnectionAsync(request.ConnectionId, ct);
        var probe = await probes.FindAsync(request.ConnectionId, request.ProbeId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"Connection {request.ConnectionId} has no probe {request.ProbeId}");
        return Results.Json(View(probe), ProbeJson.Options);
    }

    private async Task EnsureConnectionAsync(string id, CancellationToken ct)
    {
        if (await connections.FindAsync(id, ct) is null) throw new RequestRejectedException(RejectionKind.NotFound, $"No connection {id}");
    }

    private static ProbeView View(ProbeRow probe)
    {
        var checks = probe.Report is null ? [] : JsonSerializer.Deserialize<List<ProbeCheck>>(probe.Report, ProbeJson.Options) ?? [];
        return new ProbeView(probe.Id, probe.State, probe.StartedAt, probe.FinishedAt, probe.Version, ProbeSummary.Of(checks), checks);
    }
}
