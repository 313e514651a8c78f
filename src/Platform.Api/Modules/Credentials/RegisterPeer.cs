using Platform.Api.Infrastructure.Peers;

namespace Platform.Api.Modules.Credentials;

/// <summary>A peer's credentials POST (registration) or PUT (update, rotation).</summary>
/// <param name="Version">The version of the credentials URL called: the version the connection takes (2.2.1 credentials §Registration).</param>
public sealed record RegisterPeer(Platform.Ocpi.Model.Credentials.Credentials Credentials, bool Rotation, string Version = Platform.Ocpi.Model.Versions.OcpiVersions.V221)
    : IRequest<OcpiResult>;

public sealed class RegisterPeerValidator : AbstractValidator<RegisterPeer>
{
    public RegisterPeerValidator() =>
        RuleFor(x => x.Credentials).SetValidator(new Platform.Ocpi.Validation.Credentials.CredentialsValidator()).OverridePropertyName("");
}

/// <summary>
/// 2.2.1 credentials §POST/PUT. Before answering, call the client's versions and version details with the token it
/// sent (B); on failure answer 3001, with nothing in common 3003, and store nothing. Then, in one transaction,
/// store its token (encrypted), endpoints and roles, issue our new token (C), retire the token it called with
/// (A dies at registration; the old B/C at rotation), which only one of concurrent calls with one token can do.
/// POST when registered, or PUT when not: HTTP 405.
/// </summary>
public sealed class RegisterPeerHandler(OcpiCaller caller, ConnectionStore connections, CredentialsTokens tokens,
    OutboundTokens outbound, PeerDiscovery discovery, OurCredentials ours, DbSession db, OutboundUrlPolicy urls, ILogger<RegisterPeerHandler> logger)
    : IRequestHandler<RegisterPeer, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(RegisterPeer request, CancellationToken ct)
    {
        var connection = await connections.FindAsync(caller.ConnectionId, ct)
            ?? throw new RequestRejectedException(RejectionKind.Unauthenticated, "Unknown connection");
        var registered = connection.State == ConnectionStates.Registered;
        if (!request.Rotation && registered)
            throw new RequestRejectedException(RejectionKind.WrongState, "Already registered: use PUT to update credentials, or DELETE to unregister");
        if (request.Rotation && !registered)
            throw new RequestRejectedException(RejectionKind.WrongState, "Not registered: use POST to register first");

        var theirs = request.Credentials;
        if (urls.Problem(theirs.Url) is { } problem)
            throw new RequestRejectedException(RejectionKind.Invalid, $"url: {problem}");
        PeerVersion version;
        try
        {
            if (connection.PinnedVersion is { } pinned && pinned != request.Version)
                throw new RegistrationFailedException($"this connection is pinned to OCPI {pinned}: use our {pinned} credentials endpoint",
                    Platform.Ocpi.Transport.OcpiStatus.UnsupportedVersion);
            // Outside any transaction: no database lock is held while the peer is called (it may call us back).
            var participants = await connections.ParticipantsAsync(connection.Id, ct);
            version = await discovery.DiscoverAsync(theirs.Url!, new PeerCredentials(theirs.Token!), ct, request.Version,
                Versions.WireEdge.Counterpart(participants));
        }
        catch (RegistrationFailedException e)
        {
            logger.LogWarning("Credentials {Method} on connection {OcpiConnectionId} refused: {Reason}",
                request.Rotation ? "PUT" : "POST", connection.Id, e.Message);
            await connections.AuditAsync(connection.Id, "peer", request.Rotation ? "credentials update refused" : "registration refused", e.Message, ct);
            return OcpiResult.Error(e.OcpiStatus, $"Could not use your API: {e.PeerMessage}");
        }

        await db.BeginAsync(ct);
        // Spend the token this call came with; a concurrent call that spent it first (two POSTs with one token A) wins.
        if (!await tokens.RevokeTokenAsync(caller.Token!.TokenId, ct))
        {
            await db.RollbackAsync();
            throw new RequestRejectedException(RejectionKind.Unauthenticated, "Unknown or revoked credentials token");
        }
        if (request.Rotation) await tokens.RevokeAsync(connection.Id, ct);
        var ourToken = await tokens.IssueAsync(connection.Id, CredentialsTokenKind.C, null, ct);
        await connections.RegisterAsync(connection.Id, version.Version, theirs.Url!, version.EndpointsJson, outbound.Protect(theirs.Token!),
            version.RawToken, theirs.Roles!, ct);
        await connections.AuditAsync(connection.Id, "peer", request.Rotation ? "credentials updated by peer" : "registered by peer",
            $"version {version.Version}; roles {string.Join(", ", theirs.Roles!.Select(r => $"{r.Role} {r.CountryCode}*{r.PartyId}"))}", ct);
        var answer = await ours.ForAsync(connection.Id, ourToken, ct);
        await db.CommitAsync(ct);
        logger.LogInformation("Connection {OcpiConnectionId} {What} with version {Version}", connection.Id,
            request.Rotation ? "updated its credentials" : "registered", version.Version);
        return OcpiResult.Ok(answer);
    }
}
