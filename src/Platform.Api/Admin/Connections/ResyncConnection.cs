using Platform.Api.Infrastructure.Sync;

namespace Platform.Api.Admin.Connections;

/// <summary>Pull everything again from a peer (<c>full</c>: ignore where the last pull got to).</summary>
public sealed record ResyncConnection(string Id, bool Full) : IRequest<ResyncQueued>;

public sealed record ResyncQueued(string ConnectionId, string JobId, bool Full);

public sealed class ResyncConnectionHandler(ConnectionStore connections, ResyncScheduler scheduler) : IRequestHandler<ResyncConnection, ResyncQueued>
{
    public async ValueTask<ResyncQueued> Handle(ResyncConnection request, CancellationToken ct)
    {
        var connection = await connections.FindAsync(request.Id, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No connection {request.Id}");
        if (connection is not { Kind: ConnectionKinds.Remote, State: ConnectionStates.Registered })
            throw new RequestRejectedException(RejectionKind.WrongState, $"Connection {request.Id} is a {connection.State} {connection.Kind} connection; only a registered remote connection can be pulled from");
        await connections.AuditAsync(request.Id, "admin", "resync requested", request.Full ? "full" : "since last pull", ct);
        return new ResyncQueued(request.Id, scheduler.Enqueue(request.Id, request.Full), request.Full);
    }
}
