using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Admin.Connections;

public sealed record DeleteConnection(string Id) : IRequest<ConnectionView>;

/// <summary>
/// Unregisters: credentials DELETE at the peer (when it is registered and reachable), then every token of the
/// connection dies on our side and the state is <c>unregistered</c>. A peer that cannot be told is recorded in
/// the audit trail; our side stops regardless, since the operator asked for it.
/// </summary>
public sealed class DeleteConnectionHandler(ConnectionStore connections, CredentialsTokens tokens, PeerCalls peers,
    ConnectionViews views, Infrastructure.Data.DbSession db) : IRequestHandler<DeleteConnection, ConnectionView>
{
    public async ValueTask<ConnectionView> Handle(DeleteConnection request, CancellationToken ct)
    {
        var connection = await connections.FindAsync(request.Id, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No connection {request.Id}");
        string? peerOutcome = null;
        var credentialsUrl = PeerEndpoints.Find(connection, ModuleIds.Credentials, role: null);
        if (connection.State == ConnectionStates.Registered && connection.OutboundToken is not null && credentialsUrl is not null)
        {
            try
            {
                var answer = await peers.SendAsync<object>(connection, HttpMethod.Delete, credentialsUrl, null, null, null, ct);
                peerOutcome = answer.IsSuccess ? "peer confirmed" : "peer answered " + answer.Describe();
            }
            catch (PeerUnreachableException e)
            {
                peerOutcome = "peer unreachable: " + e.Message;
            }
        }
        await db.BeginAsync(ct);
        await tokens.RevokeAsync(connection.Id, ct);
        await connections.SetStateAsync(connection.Id, ConnectionStates.Unregistered, clearOutboundToken: true, ct);
        await connections.AuditAsync(connection.Id, "admin", "unregistered", peerOutcome, ct);
        await db.CommitAsync(ct);
        return await views.OfAsync(connection.Id, withAudit: false, ct);
    }
}
