namespace Platform.Api.Admin.Connections;

/// <summary>An optional body of rotate, suspend and resume: why, kept in the connection's audit trail.</summary>
public sealed record ConnectionAction(string? Reason);

/// <summary>An optional body of resync (the same as <c>?full=true</c>).</summary>
public sealed record ResyncBody(bool? Full);

/// <summary>/admin/connections (docs/admin-api.md §Connections).</summary>
public static class ConnectionsAdmin
{
    public static IEndpointRouteBuilder MapConnectionsAdmin(this IEndpointRouteBuilder admin)
    {
        var group = admin.MapGroup("/connections");
        group.MapPost("/invitations", (OcpiBody<CreateInvitation> body, IMediator m, CancellationToken ct) =>
            m.Send(body.Value, ct).Created(i => At(i.ConnectionId)));
        group.MapPost("", (OcpiBody<ConnectToPeer> body, IMediator m, CancellationToken ct) => m.Send(body.Value, ct).Created(c => At(c.Id)));
        group.MapGet("", (AdminPage page, IMediator m, CancellationToken ct) => m.Send(new GetConnections(page), ct));
        group.MapGet("/{id}", (string id, IMediator m, CancellationToken ct) => m.Send(new GetConnection(id), ct).Ok());
        group.MapGet("/{id}/problems", (string id, AdminPage page, IMediator m, CancellationToken ct) => m.Send(new GetConnectionProblems(id, page), ct));
        group.MapPost("/{id}/rotate", (string id, OcpiOptionalBody<ConnectionAction> body, IMediator m, CancellationToken ct) =>
            m.Send(new RotateConnection(id, body.Value?.Reason), ct).Ok());
        group.MapPost("/internal", (OcpiBody<CreateInternalConnection> body, IMediator m, CancellationToken ct) => m.Send(body.Value, ct).Created(c => At(c.Id)));
        group.MapPost("/{id}/suspend", (string id, OcpiOptionalBody<ConnectionAction> body, IMediator m, CancellationToken ct) =>
            m.Send(new SuspendConnection(id, Suspend: true, body.Value?.Reason), ct).Ok());
        group.MapPost("/{id}/resume", (string id, OcpiOptionalBody<ConnectionAction> body, IMediator m, CancellationToken ct) =>
            m.Send(new SuspendConnection(id, Suspend: false, body.Value?.Reason), ct).Ok());
        group.MapPost("/{id}/resync", async (string id, bool? full, OcpiOptionalBody<ResyncBody> body, IMediator m, CancellationToken ct) =>
            new AdminAccepted<ResyncQueued>(await m.Send(new ResyncConnection(id, full ?? body.Value?.Full ?? false), ct)));
        group.MapPost("/{id}/probe", async (string id, OcpiOptionalBody<ProbeOptions> body, IMediator m, CancellationToken ct) =>
            new AdminAccepted<ProbeStarted>(await m.Send(new StartProbe(id, body.Value ?? new ProbeOptions()), ct)));
        group.MapGet("/{id}/probes", (string id, AdminPage page, IMediator m, CancellationToken ct) => m.Send(new GetProbes(id, page), ct))
            .Produces<IReadOnlyList<Infrastructure.Probes.ProbeView>>();
        group.MapGet("/{id}/probes/{probeId}", (string id, string probeId, IMediator m, CancellationToken ct) => m.Send(new GetProbe(id, probeId), ct))
            .Produces<Infrastructure.Probes.ProbeView>();
        group.MapDelete("/{id}", (string id, IMediator m, CancellationToken ct) => m.Send(new DeleteConnection(id), ct).Ok());
        admin.MapGet("/routes", (IMediator m, CancellationToken ct) => m.Send(new GetRoutes(), ct).Ok());
        return admin;
    }

    private static string At(string connectionId) => $"/admin/connections/{connectionId}";
}
