using Platform.Api.Infrastructure.Pipeline;

namespace Platform.Api.Admin.Connections;

/// <param name="Version">Pins the connection to this OCPI version; null: the one the peer registers in.</param>
/// <param name="Role">The one role of its parties the connection serves (2.1.1, a party with both roles); null: all.</param>
public sealed record CreateInvitation(string? Name, IReadOnlyList<string>? Parties, int? ExpiresInHours, string? Version = null, string? Role = null)
    : IRequest<InvitationView>, ITransactional;

public sealed record InvitationView(string ConnectionId, string VersionsUrl, string Token, DateTime ExpiresAt);

/// <summary>
/// A pending connection and its token A for the peer that will register with us. The token is shown only in
/// this answer and stored only as a hash; it works on versions and credentials until registration or expiry.
/// </summary>
public sealed class CreateInvitationHandler(ParticipantResolver resolver, ConnectionStore connections, CredentialsTokens tokens,
    PublicUrl urls, TimeProvider clock, Modules.Versions.ProtocolVersions versions) : IRequestHandler<CreateInvitation, InvitationView>
{
    public async ValueTask<InvitationView> Handle(CreateInvitation request, CancellationToken ct)
    {
        var hours = request.ExpiresInHours ?? 72;
        if (hours is < 1 or > 24 * 90)
            throw new RequestRejectedException(RejectionKind.Invalid, "expires_in_hours: must be between 1 and 2160");
        if (versions.PinProblem(request.Version) is { } pin)
            throw new RequestRejectedException(RejectionKind.Invalid, pin);
        var participants = await resolver.ResolveAsync(request.Parties, ct, request.Role);
        var id = Guid.NewGuid().ToString();
        var expiresAt = clock.GetUtcNow().UtcDateTime.AddHours(hours);
        await connections.CreateAsync(id, request.Name ?? "invitation", ConnectionKinds.Remote, ConnectionStates.Pending, "them", null, expiresAt, participants, ct,
            request.Version, request.Role);
        var token = await tokens.IssueAsync(id, CredentialsTokenKind.A, expiresAt, ct);
        await connections.AuditAsync(id, "admin", "invitation created", $"parties {string.Join(", ", participants.Select(p => p.Key))}; expires {expiresAt:O}", ct);
        return new InvitationView(id, urls.VersionsUrl, token, expiresAt);
    }
}
