using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.Credentials;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Admin.Connections;

public sealed record RotateConnection(string Id, string? Reason = null) : IRequest<ConnectionView>;

/// <summary>
/// Credentials PUT to the peer (2.2.1 credentials §PUT): a new token for them to call us with, and theirs in the
/// answer. The new inbound token is stored before the call (the peer may call back with it); the old ones die
/// only once the peer has taken the new one, so a failed rotation leaves the connection working.
/// </summary>
public sealed class RotateConnectionHandler(ConnectionStore connections, CredentialsTokens tokens, OutboundTokens outbound,
    CredentialsExchange exchange, OurCredentials ours, ConnectionViews views, DbSession db) : IRequestHandler<RotateConnection, ConnectionView>
{
    public async ValueTask<ConnectionView> Handle(RotateConnection request, CancellationToken ct)
    {
        var connection = await connections.FindAsync(request.Id, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No connection {request.Id}");
        if (connection.State != ConnectionStates.Registered || connection.OutboundToken is null || connection.IsInternal)
            throw new RequestRejectedException(RejectionKind.WrongState, $"Connection {request.Id} is {connection.State}; only a registered remote connection can rotate");
        var credentialsUrl = PeerEndpoints.Find(connection, ModuleIds.Credentials, role: null)
            ?? throw new RequestRejectedException(RejectionKind.WrongState, "The peer listed no credentials endpoint");

        var previous = await tokens.LiveTokenIdsAsync(connection.Id, ct);
        var fresh = await tokens.IssueAsync(connection.Id, CredentialsTokenKind.C, null, ct);
        var current = new PeerCredentials(outbound.Unprotect(connection.OutboundToken), connection.OutboundTokenRaw || Modules.Versions.VersionModules.IsSingleParty(connection.Version));
        var (theirs, error) = await exchange.SendAsync(HttpMethod.Put, credentialsUrl, current, await ours.ForAsync(connection.Id, fresh, ct),
            connection.Version ?? OcpiVersions.V221, await connections.ParticipantsAsync(connection.Id, ct), ct);
        if (error is not null)
        {
            await tokens.RevokeAsync(connection.Id, ct, fresh);
            await connections.AuditAsync(connection.Id, "admin", "rotation failed", error, ct);
            throw new RequestRejectedException(RejectionKind.PeerFailed, $"Credentials PUT to {credentialsUrl} failed: {error}");
        }

        await db.BeginAsync(ct);
        foreach (var old in previous) await tokens.RevokeTokenAsync(old, ct);
        await connections.RegisterAsync(connection.Id, connection.Version ?? OcpiVersions.V221, connection.VersionsUrl!, connection.Endpoints ?? "[]",
            outbound.Protect(theirs!.Token!), connection.OutboundTokenRaw, theirs.Roles!, ct);
        await connections.AuditAsync(connection.Id, "admin", "credentials rotated", request.Reason, ct);
        await db.CommitAsync(ct);
        return await views.OfAsync(connection.Id, withAudit: false, ct);
    }
}
