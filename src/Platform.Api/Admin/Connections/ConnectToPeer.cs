using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.Credentials;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Admin.Connections;

/// <param name="Version">Pins the connection to this OCPI version; null: the highest mutual one.</param>
/// <param name="Role">The one role of its parties the connection serves (2.1.1, a party with both roles); null: all.</param>
public sealed record ConnectToPeer(string? Name, string? VersionsUrl, string? Token, IReadOnlyList<string>? Parties, string? Version = null,
    string? Role = null) : IRequest<ConnectionView>;

/// <summary>
/// We register with a peer (2.2.1 credentials §Registration, we are the initiator): read its versions with its
/// token A, pick the highest mutual version, refuse when required endpoints are missing, store our token B
/// *before* the POST (the peer calls back with it during the POST), POST our credentials, store its token C.
/// A failed step answers 502 naming the step and the peer's answer, and leaves B revoked.
/// </summary>
public sealed class ConnectToPeerHandler(ParticipantResolver resolver, ConnectionStore connections, CredentialsTokens tokens,
    OutboundTokens outbound, PeerDiscovery discovery, CredentialsExchange exchange, OurCredentials ours, ConnectionViews views, DbSession db, OutboundUrlPolicy urls,
    Modules.Versions.ProtocolVersions versions)
    : IRequestHandler<ConnectToPeer, ConnectionView>
{
    public async ValueTask<ConnectionView> Handle(ConnectToPeer request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.VersionsUrl))
            throw new RequestRejectedException(RejectionKind.Invalid, "versions_url: is required: the peer's versions URL");
        if (urls.Problem(request.VersionsUrl) is { } problem)
            throw new RequestRejectedException(RejectionKind.Invalid, $"versions_url: {problem}");
        if (string.IsNullOrWhiteSpace(request.Token))
            throw new RequestRejectedException(RejectionKind.Invalid, "token: the token A the peer gave you is required");
        if (versions.PinProblem(request.Version) is { } pin)
            throw new RequestRejectedException(RejectionKind.Invalid, pin);
        var participants = await resolver.ResolveAsync(request.Parties, ct, request.Role);

        PeerVersion version;
        try
        {
            version = await discovery.DiscoverAsync(request.VersionsUrl, new PeerCredentials(request.Token.Trim()), ct, request.Version,
                Modules.Versions.WireEdge.Counterpart(participants));
        }
        catch (RegistrationFailedException e)
        {
            throw new RequestRejectedException(RejectionKind.PeerFailed, $"Reading the peer's versions failed: {e.Message}");
        }
        var credentialsUrl = version.Url(ModuleIds.Credentials)!;
        var tokenA = new PeerCredentials(request.Token.Trim(), version.RawToken);

        var id = Guid.NewGuid().ToString();
        await db.BeginAsync(ct);
        await connections.CreateAsync(id, request.Name ?? request.VersionsUrl, ConnectionKinds.Remote, ConnectionStates.Pending, "us", request.VersionsUrl, null,
            participants, ct, request.Version, request.Role);
        var tokenB = await tokens.IssueAsync(id, CredentialsTokenKind.B, null, ct);
        await connections.AuditAsync(id, "admin", "registration started", $"versions {request.VersionsUrl}; version {version.Version}", ct);
        await db.CommitAsync(ct);

        var (theirs, error) = await exchange.SendAsync(HttpMethod.Post, credentialsUrl, tokenA, await ours.ForAsync(id, tokenB, ct), version.Version,
            participants, ct);
        if (error is not null)
        {
            await tokens.RevokeAsync(id, ct);
            await connections.AuditAsync(id, "admin", "registration failed", error, ct);
            throw new RequestRejectedException(RejectionKind.PeerFailed, $"Credentials POST to {credentialsUrl} failed: {error}");
        }

        await db.BeginAsync(ct);
        await connections.RegisterAsync(id, version.Version, request.VersionsUrl, version.EndpointsJson, outbound.Protect(theirs!.Token!),
            version.RawToken, theirs.Roles!, ct);
        await connections.AuditAsync(id, "admin", "registered", $"roles {string.Join(", ", theirs.Roles!.Select(r => $"{r.Role} {r.CountryCode}*{r.PartyId}"))}", ct);
        await db.CommitAsync(ct);
        return await views.OfAsync(id, withAudit: false, ct);
    }
}
