using Dapper;
using Platform.Ocpi.Model.HubClientInfo;

namespace Platform.Api.Modules.HubClientInfo;

/// <summary>
/// The parties a Hub says it reaches, per hub connection (2.2.1 mod_hub_client_info): kept as remote parties of
/// that connection with source 'hubclientinfo' and the Hub's status for them, keyed by (role, party).
/// </summary>
public sealed class ClientInfoStore(DbSession db, TimeProvider clock, ConnectionRoutingCache routing)
{
    private const string Update = """
        UPDATE remote_parties SET status = @Status, updated_at = @Now
        WHERE connection_id = @ConnectionId AND role = @Role AND party_key = @PartyKey AND source = 'hubclientinfo'
        """;

    // One statement, so that two saves of a new party at once (the Hub's PUT and our pull of its list) cannot both
    // insert it: the second inserts nothing and updates instead.
    private const string InsertIfAbsent = """
        INSERT INTO remote_parties (connection_id, role, country_code, party_id, party_key, name, source, status, updated_at)
        SELECT @ConnectionId, @Role, @CountryCode, @PartyId, @PartyKey, NULL, 'hubclientinfo', @Status, @Now
        WHERE NOT EXISTS (SELECT 1 FROM remote_parties
                          WHERE connection_id = @ConnectionId AND role = @Role AND party_key = @PartyKey)
        """;

    private const string SelectOne = """
        SELECT country_code AS CountryCode, party_id AS PartyId, role AS Role, status AS Status, updated_at AS UpdatedAt
        FROM remote_parties
        WHERE connection_id = @ConnectionId AND party_key = @PartyKey AND source = 'hubclientinfo'
        ORDER BY role
        """;

    private const string SelectHubRole = """
        SELECT COUNT(*) FROM remote_parties WHERE connection_id = @ConnectionId AND role = 'HUB' AND source = 'credentials'
        """;

    /// <summary>Stores the Hub's word on one party; true when the party is now CONNECTED and was not before.</summary>
    public async Task<bool> SaveAsync(string connectionId, ClientInfo info, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        var args = new
        {
            ConnectionId = connectionId, Role = info.Role!.Value.ToString(), info.CountryCode, info.PartyId,
            PartyKey = PartyKey.Of(info.CountryCode!, info.PartyId!), Status = info.Status!.Value.ToString(), Now = clock.GetUtcNow().UtcDateTime,
        };
        var before = (await connection.QueryAsync<Row>(new CommandDefinition(SelectOne, args, db.Transaction, cancellationToken: ct)))
            .FirstOrDefault(r => r.Role == args.Role);
        if (await connection.ExecuteAsync(new CommandDefinition(Update, args, db.Transaction, cancellationToken: ct)) == 0
            && await connection.ExecuteAsync(new CommandDefinition(InsertIfAbsent, args, db.Transaction, cancellationToken: ct)) == 0)
            await connection.ExecuteAsync(new CommandDefinition(Update, args, db.Transaction, cancellationToken: ct));
        // The Hub's status decides which of its parties may call us (routing view). A Hub repeating what is stored (its list
        // pulled again) changes no view, and moving the counter would drop every view on every node.
        if (before?.Status != args.Status) await routing.ChangedAsync(db, connectionId, ct);
        return info.Status == ConnectionStatus.CONNECTED && before?.Status != nameof(ConnectionStatus.CONNECTED);
    }

    public async Task<IReadOnlyList<ClientInfo>> FindAsync(string connectionId, string partyKey, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<Row>(new CommandDefinition(SelectOne, new { ConnectionId = connectionId, PartyKey = partyKey },
            db.Transaction, cancellationToken: ct)))
        .Select(r => new ClientInfo
        {
            CountryCode = r.CountryCode, PartyId = r.PartyId, Role = Enum.Parse<Platform.Ocpi.Model.Common.Role>(r.Role),
            Status = Enum.Parse<ConnectionStatus>(r.Status ?? nameof(ConnectionStatus.PLANNED)), LastUpdated = r.UpdatedAt,
        }).ToList();

    /// <summary>A hub connection is one whose credentials declared the single role HUB (2.2.1, H1).</summary>
    public async Task<bool> IsHubConnectionAsync(string connectionId, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteScalarAsync<int>(new CommandDefinition(SelectHubRole, new { ConnectionId = connectionId },
            db.Transaction, cancellationToken: ct)) > 0;

    private sealed class Row
    {
        public string CountryCode { get; init; } = "";
        public string PartyId { get; init; } = "";
        public string Role { get; init; } = "";
        public string? Status { get; init; }
        public DateTime UpdatedAt { get; init; }
    }
}
