using Platform.Api.Infrastructure.Pipeline;

namespace Platform.Api.Modules.Credentials;

public sealed record UnregisterPeer : IRequest<OcpiResult>, ITransactional;

/// <summary>2.2.1 credentials §DELETE: every token of the connection dies, and we stop calling the peer. 405 if not registered.</summary>
public sealed class UnregisterPeerHandler(OcpiCaller caller, ConnectionStore connections, CredentialsTokens tokens)
    : IRequestHandler<UnregisterPeer, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(UnregisterPeer request, CancellationToken ct)
    {
        var connection = await connections.FindAsync(caller.ConnectionId, ct);
        if (connection?.State != ConnectionStates.Registered)
            throw new RequestRejectedException(RejectionKind.WrongState, "Not registered");
        await tokens.RevokeAsync(connection.Id, ct);
        await connections.SetStateAsync(connection.Id, ConnectionStates.Unregistered, clearOutboundToken: true, ct);
        await connections.AuditAsync(connection.Id, "peer", "unregistered by peer", null, ct);
        return OcpiResult.Ok();
    }
}
