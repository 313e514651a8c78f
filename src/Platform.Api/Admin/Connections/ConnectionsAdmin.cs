using Mediator;
using Platform.Api.Infrastructure.Web;

namespace Platform.Api.Admin.Connections;

/// <summary>/admin/connections (ADMIN-API.md §Connections).</summary>
public static class ConnectionsAdmin
{
    public static IEndpointRouteBuilder MapConnectionsAdmin(this IEndpointRouteBuilder admin)
    {
        var group = admin.MapGroup("/connections");
        group.MapPost("/invitations", (OcpiBody<CreateInvitation> body, IMediator m, CancellationToken ct) => m.Send(body.Value, ct).Created());
        group.MapPost("", (OcpiBody<ConnectToPeer> body, IMediator m, CancellationToken ct) => m.Send(body.Value, ct).Created());
        group.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new GetConnections(), ct).Ok());
        group.MapGet("/{id}", (string id, IMediator m, CancellationToken ct) => m.Send(new GetConnection(id), ct).Ok());
        group.MapGet("/{id}/problems", (string id, AdminPage page, IMediator m, CancellationToken ct) => m.Send(new GetConnectionProblems(id, page), ct));
        group.MapPost("/{id}/rotate", (string id, IMediator m, CancellationToken ct) => m.Send(new RotateConnection(id), ct).Ok());
        group.MapPost("/internal", (OcpiBody<CreateInternalConnection> body, IMediator m, CancellationToken ct) => m.Send(body.Value, ct).Created());
        group.MapPost("/{id}/suspend", (string id, IMediator m, CancellationToken ct) => m.Send(new SuspendConnection(id, Suspend: true), ct).Ok());
        group.MapPost("/{id}/resume", (string id, IMediator m, CancellationToken ct) => m.Send(new SuspendConnection(id, Suspend: false), ct).Ok());
        group.MapPost("/{id}/resync", async (string id, bool? full, IMediator m, CancellationToken ct) =>
            Results.Json(await m.Send(new ResyncConnection(id, full ?? false), ct), Platform.Ocpi.Json.OcpiJson.Options, statusCode: StatusCodes.Status202Accepted));
        group.MapPost("/{id}/probe", async (string id, ProbeOptions options, IMediator m, CancellationToken ct) =>
            Results.Json(await m.Send(new StartProbe(id, options), ct), Platform.Ocpi.Json.OcpiJson.Options, statusCode: StatusCodes.Status202Accepted));
        group.MapGet("/{id}/probes", (string id, AdminPage page, IMediator m, CancellationToken ct) => m.Send(new GetProbes(id, page), ct));
        group.MapGet("/{id}/probes/{probeId}", (string id, string probeId, IMediator m, CancellationToken ct) => m.Send(new GetProbe(id, probeId), ct));
        group.MapDelete("/{id}", (string id, IMediator m, CancellationToken ct) => m.Send(new DeleteConnection(id), ct).Ok());
        admin.MapGet("/routes", (IMediator m, CancellationToken ct) => m.Send(new GetRoutes(), ct).Ok());
        return admin;
    }
}
