using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Pipeline;

namespace Platform.Api.Admin.Connections;

/// <summary>Pauses (<see cref="Suspend"/> true) or resumes a registered connection.</summary>
public sealed record SuspendConnection(string Id, bool Suspend, string? Reason = null) : IRequest<ConnectionView>, ITransactional;

/// <summary>
/// An operator pauses a connection: pushes to it wait (pending, no attempt spent) and its peer's calls to
/// functional modules are refused with 401 until it is resumed; the credentials stay valid, so resuming needs no
/// new handshake. On resume, waiting deliveries leave at once.
/// </summary>
public sealed class SuspendConnectionHandler(ConnectionStore connections, ConnectionViews views, DeliveryStore deliveries, Platform.Api.Infrastructure.Sending.SendSignal signal)
    : IRequestHandler<SuspendConnection, ConnectionView>
{
    public async ValueTask<ConnectionView> Handle(SuspendConnection request, CancellationToken ct)
    {
        var connection = await connections.FindAsync(request.Id, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No connection {request.Id}");
        var (from, to) = request.Suspend
            ? (ConnectionStates.Registered, ConnectionStates.Suspended)
            : (ConnectionStates.Suspended, ConnectionStates.Registered);
        if (connection.State != from)
            throw new RequestRejectedException(RejectionKind.WrongState, $"Connection {request.Id} is {connection.State}; only a {from} connection can be {(request.Suspend ? "suspended" : "resumed")}");
        await connections.SetStateAsync(request.Id, to, clearOutboundToken: false, ct);
        await connections.AuditAsync(request.Id, "admin", request.Suspend ? "suspended" : "resumed", request.Reason, ct);
        if (!request.Suspend)
        {
            await deliveries.ReleaseWaitingAsync(request.Id, ct);
            signal.Notify();
        }
        return await views.OfAsync(request.Id, withAudit: false, ct);
    }
}
