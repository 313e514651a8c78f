using Platform.Api.Modules.Credentials;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Admin.Connections;

public sealed record RemotePartyView(string Role, string CountryCode, string PartyId, string? Name, string Source, string? Status);

/// <summary>A connection as the admin API shows it. Never a token.</summary>
public sealed record ConnectionView(string Id, string Name, string Kind, string State, string InitiatedBy, string? Version, string? VersionsUrl,
    IReadOnlyList<string> Parties, IReadOnlyList<RemotePartyView> RemoteParties, IReadOnlyList<Platform.Ocpi.Model.Versions.Endpoint> Endpoints,
    DateTime? InvitationExpiresAt, DateTime CreatedAt, DateTime UpdatedAt, DateTime? RegisteredAt, IReadOnlyList<AuditEntry>? Audit = null);

public sealed class ConnectionViews(ConnectionStore connections)
{
    public async Task<ConnectionView> OfAsync(Connection c, bool withAudit, CancellationToken ct)
    {
        var parties = await connections.ParticipantsAsync(c.Id, ct);
        var remote = await connections.RemotePartiesAsync(c.Id, ct);
        return new ConnectionView(c.Id, c.Name, c.Kind, c.State, c.InitiatedBy, c.Version, c.VersionsUrl,
            parties.Select(p => p.Key).ToList(),
            remote.Select(r => new RemotePartyView(r.Role, r.CountryCode, r.PartyId, r.Name, r.Source, r.Status)).ToList(),
            PeerVersion.Parse(c.Endpoints), c.InvitationExpiresAt, c.CreatedAt, c.UpdatedAt, c.RegisteredAt,
            withAudit ? await connections.AuditTrailAsync(c.Id, ct) : null);
    }

    public async Task<ConnectionView> OfAsync(string id, bool withAudit, CancellationToken ct) =>
        await OfAsync(await connections.FindAsync(id, ct)
            ?? throw new Infrastructure.Web.RequestRejectedException(Infrastructure.Web.RejectionKind.NotFound, $"No connection {id}"), withAudit, ct);
}
