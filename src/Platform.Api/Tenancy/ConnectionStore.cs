using Dapper;
using Platform.Ocpi;
using Platform.Ocpi.Model.Credentials;

namespace Platform.Api.Tenancy;

/// <summary>SQL for connections, the hosted parties taking part in them, their remote parties and audit trail.</summary>
public sealed class ConnectionStore(DbSession db, TimeProvider clock, ConnectionRoutingCache routing)
{
    private const string Columns = """
        id AS Id, name AS Name, kind AS Kind, state AS State, initiated_by AS InitiatedBy, version AS Version, pinned_version AS PinnedVersion, party_role AS PartyRole,
        versions_url AS VersionsUrl, endpoints AS Endpoints, outbound_token AS OutboundToken,
        outbound_token_raw AS OutboundTokenRaw, invitation_expires_at AS InvitationExpiresAt,
        created_at AS CreatedAt, updated_at AS UpdatedAt, registered_at AS RegisteredAt
        """;

    private const string SelectOne = "SELECT " + Columns + " FROM connections WHERE id = @Id";

    private const string SelectAll = "SELECT " + Columns + " FROM connections ORDER BY created_at, id";

    private const string Insert = """
        INSERT INTO connections (id, name, kind, state, initiated_by, versions_url, pinned_version, party_role, invitation_expires_at, created_at, updated_at)
        VALUES (@Id, @Name, @Kind, @State, @InitiatedBy, @VersionsUrl, @PinnedVersion, @PartyRole, @InvitationExpiresAt, @Now, @Now)
        """;

    private const string InsertParticipant = "INSERT INTO connection_parties (connection_id, party_id) VALUES (@ConnectionId, @PartyId)";

    // A connection that serves one role of its parties (2.1.1) shows them with that role only, so everything derived
    // from its participants (our credentials, version details, the peer's counterpart role) follows it.
    private const string SelectParticipants = """
        SELECT p.id AS Id, p.country_code AS CountryCode, p.party_id AS PartyId, p.name AS Name, COALESCE(c.party_role, p.roles) AS Roles,
               p.parent_id AS ParentId, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt
        FROM connection_parties cp
        JOIN parties p ON p.id = cp.party_id
        JOIN connections c ON c.id = cp.connection_id
        WHERE cp.connection_id = @ConnectionId
        ORDER BY p.party_key
        """;

    private const string SelectRemoteParties = """
        SELECT connection_id AS ConnectionId, role AS Role, country_code AS CountryCode, party_id AS PartyId, name AS Name,
               source AS Source, status AS Status
        FROM remote_parties
        WHERE connection_id = @ConnectionId
        ORDER BY party_key, role
        """;

    private const string SelectAllParticipantKeys = """
        SELECT cp.connection_id AS ConnectionId, p.party_key AS PartyKey
        FROM connection_parties cp
        JOIN parties p ON p.id = cp.party_id
        ORDER BY p.party_key
        """;

    private const string SelectAllRemoteParties = """
        SELECT connection_id AS ConnectionId, role AS Role, country_code AS CountryCode, party_id AS PartyId, name AS Name,
               source AS Source, status AS Status
        FROM remote_parties
        ORDER BY party_key, role
        """;

    private const string DeleteCredentialsRemoteParties = "DELETE FROM remote_parties WHERE connection_id = @ConnectionId AND source = 'credentials'";

    private const string InsertRemoteParty = """
        INSERT INTO remote_parties (connection_id, role, country_code, party_id, party_key, name, source, status, updated_at)
        VALUES (@ConnectionId, @Role, @CountryCode, @PartyId, @PartyKey, @Name, 'credentials', NULL, @Now)
        """;

    private const string UpdateRegistration = """
        UPDATE connections
        SET state = @State, version = @Version, versions_url = @VersionsUrl, endpoints = @Endpoints,
            outbound_token = @OutboundToken, outbound_token_raw = @OutboundTokenRaw,
            registered_at = COALESCE(registered_at, @Now), updated_at = @Now
        WHERE id = @Id
        """;

    private const string UpdateState = """
        UPDATE connections SET state = @State, outbound_token = CASE WHEN @ClearToken = 1 THEN NULL ELSE outbound_token END, updated_at = @Now
        WHERE id = @Id
        """;

    private const string InsertAudit = "INSERT INTO connection_audit (connection_id, at, actor, action, detail) VALUES (@ConnectionId, @Now, @Actor, @Action, @Detail)";

    private const string SelectAudit = """
        SELECT at AS At, actor AS Actor, action AS Action, detail AS Detail
        FROM connection_audit WHERE connection_id = @ConnectionId ORDER BY at, id
        """;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<int> Execute(string sql, object args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    private async Task<IReadOnlyList<T>> Query<T>(string sql, object? args, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<T>(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct))).ToList();

    public async Task<Connection?> FindAsync(string id, CancellationToken ct) => (await Query<Connection>(SelectOne, new { Id = id }, ct)).SingleOrDefault();

    public Task<IReadOnlyList<Connection>> AllAsync(CancellationToken ct) => Query<Connection>(SelectAll, null, ct);

    public async Task CreateAsync(string id, string name, string kind, string state, string initiatedBy, string? versionsUrl,
        DateTime? invitationExpiresAt, IEnumerable<HostedParty> participants, CancellationToken ct, string? pinnedVersion = null, string? partyRole = null)
    {
        await Execute(Insert, new { Id = id, Name = name, Kind = kind, State = state, InitiatedBy = initiatedBy, VersionsUrl = versionsUrl,
            PinnedVersion = pinnedVersion, PartyRole = partyRole, InvitationExpiresAt = invitationExpiresAt, Now }, ct);
        foreach (var party in participants)
            await Execute(InsertParticipant, new { ConnectionId = id, PartyId = party.Id }, ct);
        // No routing change: no node holds a view of a connection that did not exist (a view is loaded only for a known one).
    }

    /// <summary>The hosted parties taking part in the connection: the only tenants it may reach.</summary>
    public Task<IReadOnlyList<HostedParty>> ParticipantsAsync(string connectionId, CancellationToken ct) =>
        Query<HostedParty>(SelectParticipants, new { ConnectionId = connectionId }, ct);

    public Task<IReadOnlyList<RemoteParty>> RemotePartiesAsync(string connectionId, CancellationToken ct) =>
        Query<RemoteParty>(SelectRemoteParties, new { ConnectionId = connectionId }, ct);

    /// <summary>The hosted party keys of every connection, in one query (admin lists).</summary>
    public async Task<ILookup<string, string>> AllParticipantKeysAsync(CancellationToken ct) =>
        (await Query<ParticipantKey>(SelectAllParticipantKeys, null, ct)).ToLookup(p => p.ConnectionId, p => p.PartyKey);

    /// <summary>The remote parties of every connection, in one query (admin lists, routes).</summary>
    public async Task<ILookup<string, RemoteParty>> AllRemotePartiesAsync(CancellationToken ct) =>
        (await Query<RemoteParty>(SelectAllRemoteParties, null, ct)).ToLookup(r => r.ConnectionId);

    /// <summary>Records a (re-)registration: version, endpoints, the encrypted token we call them with, their roles.</summary>
    public async Task RegisterAsync(string id, string version, string versionsUrl, string endpointsJson, string protectedToken,
        bool rawToken, IReadOnlyList<CredentialsRole> remoteRoles, CancellationToken ct)
    {
        await Execute(UpdateRegistration, new { Id = id, State = ConnectionStates.Registered, Version = version, VersionsUrl = versionsUrl,
            Endpoints = endpointsJson, OutboundToken = protectedToken, OutboundTokenRaw = rawToken, Now }, ct);
        await Execute(DeleteCredentialsRemoteParties, new { ConnectionId = id }, ct);
        foreach (var role in remoteRoles.DistinctBy(r => (r.Role, CiString.Key(r.CountryCode!), CiString.Key(r.PartyId!))))
            await Execute(InsertRemoteParty, new { ConnectionId = id, Role = role.Role!.Value.ToString(), role.CountryCode, role.PartyId,
                PartyKey = PartyKey.Of(role.CountryCode!, role.PartyId!), Name = role.BusinessDetails?.Name, Now }, ct);
        await routing.ChangedAsync(db, id, ct);
    }

    public async Task SetStateAsync(string id, string state, bool clearOutboundToken, CancellationToken ct)
    {
        await Execute(UpdateState, new { Id = id, State = state, ClearToken = clearOutboundToken ? 1 : 0, Now }, ct);
        await routing.ChangedAsync(db, id, ct);
    }

    /// <summary>Who did what to a connection, and when; never a token.</summary>
    public Task AuditAsync(string connectionId, string actor, string action, string? detail, CancellationToken ct) =>
        Execute(InsertAudit, new { ConnectionId = connectionId, Actor = actor, Action = action, Detail = detail, Now }, ct);

    public Task<IReadOnlyList<AuditEntry>> AuditTrailAsync(string connectionId, CancellationToken ct) =>
        Query<AuditEntry>(SelectAudit, new { ConnectionId = connectionId }, ct);
}

public sealed class ParticipantKey
{
    public string ConnectionId { get; init; } = "";
    public string PartyKey { get; init; } = "";
}

public sealed class AuditEntry
{
    public DateTime At { get; init; }
    public string Actor { get; init; } = "";
    public string Action { get; init; } = "";
    public string? Detail { get; init; }
}
