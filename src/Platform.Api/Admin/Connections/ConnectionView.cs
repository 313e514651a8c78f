using Platform.Api.Infrastructure.Health;
using Platform.Api.Infrastructure.Peers;

namespace Platform.Api.Admin.Connections;

public sealed record RemotePartyView(string Role, string CountryCode, string PartyId, string? Name, string Source, string? Status);

/// <summary>A connection as the admin API shows it. Never a token.</summary>
public sealed record ConnectionView(string Id, string Name, string Kind, string State, string InitiatedBy, string? Version, string? PinnedVersion, string? VersionsUrl,
    IReadOnlyList<string> Parties, IReadOnlyList<RemotePartyView> RemoteParties, IReadOnlyList<Platform.Ocpi.Model.Versions.Endpoint> Endpoints,
    DateTime? InvitationExpiresAt, DateTime CreatedAt, DateTime UpdatedAt, DateTime? RegisteredAt, ConnectionHealth Health, IReadOnlyList<AuditEntry>? Audit = null)
{
    /// <summary>The one role of its parties the connection serves (2.1.1, a party with both roles); null: all.</summary>
    public string? Role { get; init; }

    /// <summary>How many problems GET /admin/connections/{id}/problems lists (shown on the single connection).</summary>
    public int? ProblemCount { get; init; }
}

public sealed class ConnectionViews(ConnectionStore connections, ConnectionHealthStore health)
{
    public async Task<ConnectionView> OfAsync(Connection c, bool withAudit, CancellationToken ct) =>
        Of(c, (await connections.ParticipantsAsync(c.Id, ct)).Select(p => p.Key), await connections.RemotePartiesAsync(c.Id, ct),
            HealthOf(c.Id, await health.AllAsync(ct)), withAudit ? await connections.AuditTrailAsync(c.Id, ct) : null);

    /// <summary>Every connection, with six queries whatever their number.</summary>
    public async Task<IReadOnlyList<ConnectionView>> AllAsync(CancellationToken ct)
    {
        var participants = await connections.AllParticipantKeysAsync(ct);
        var remote = await connections.AllRemotePartiesAsync(ct);
        var healths = await health.AllAsync(ct);
        return (await connections.AllAsync(ct)).Select(c => Of(c, participants[c.Id], remote[c.Id], HealthOf(c.Id, healths), null)).ToList();
    }

    // A connection created after the health was read has no calls and no deliveries yet.
    private static ConnectionHealth HealthOf(string id, IReadOnlyDictionary<string, ConnectionHealth> all) =>
        all.GetValueOrDefault(id) ?? new ConnectionHealth(ConnectionHealth.Ok, null, null, 0, 0, 0, 0);

    private static ConnectionView Of(Connection c, IEnumerable<string> parties, IEnumerable<RemoteParty> remote, ConnectionHealth health,
        IReadOnlyList<AuditEntry>? audit) =>
        new(c.Id, c.Name, c.Kind, c.State, c.InitiatedBy, c.Version, c.PinnedVersion, c.VersionsUrl,
            parties.ToList(),
            remote.Select(r => new RemotePartyView(r.Role, r.CountryCode, r.PartyId, r.Name, r.Source, r.Status)).ToList(),
            PeerEndpoints.All(c), c.InvitationExpiresAt, c.CreatedAt, c.UpdatedAt, c.RegisteredAt, health, audit) { Role = c.PartyRole };

    public async Task<ConnectionView> OfAsync(string id, bool withAudit, CancellationToken ct) =>
        await OfAsync(await connections.FindAsync(id, ct)
            ?? throw new Infrastructure.Web.RequestRejectedException(Infrastructure.Web.RejectionKind.NotFound, $"No connection {id}"), withAudit, ct);
}
