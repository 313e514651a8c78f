using Dapper;

namespace Platform.Api.Tenancy;

/// <summary>SQL for hosted parties. Parties are the tenants themselves, so these queries are platform-wide.</summary>
public sealed class PartyStore(DbSession db, TimeProvider clock, ConnectionRoutingCache routing)
{
    private const string Columns =
        "id AS Id, country_code AS CountryCode, party_id AS PartyId, name AS Name, roles AS Roles, parent_id AS ParentId, created_at AS CreatedAt, updated_at AS UpdatedAt";

    private const string SelectAll = "SELECT " + Columns + " FROM parties ORDER BY party_key";

    private const string SelectByKey = "SELECT " + Columns + " FROM parties WHERE party_key = @Key";

    private const string SelectById = "SELECT " + Columns + " FROM parties WHERE id = @Id";

    private const string SelectByKeys = "SELECT " + Columns + " FROM parties WHERE party_key IN @Keys";

    private const string InsertColumnsAndValues = """
        (country_code, party_id, party_key, name, roles, parent_id, created_at, updated_at)
        VALUES (@CountryCode, @PartyId, @Key, @Name, @Roles, @ParentId, @Now, @Now)
        """;

    private const string Update = "UPDATE parties SET name = @Name, roles = @Roles, updated_at = @Now WHERE id = @Id";

    public async Task<IReadOnlyList<HostedParty>> AllAsync(CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<HostedParty>(new CommandDefinition(SelectAll, transaction: db.Transaction, cancellationToken: ct))).ToList();

    public async Task<HostedParty?> FindAsync(string countryCode, string partyId, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<HostedParty>(new CommandDefinition(SelectByKey,
            new { Key = PartyKey.Of(countryCode, partyId) }, db.Transaction, cancellationToken: ct));

    public async Task<HostedParty?> FindByIdAsync(long id, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<HostedParty>(new CommandDefinition(SelectById,
            new { Id = id }, db.Transaction, cancellationToken: ct));

    public async Task<IReadOnlyList<HostedParty>> FindManyAsync(IEnumerable<string> keys, CancellationToken ct) =>
        (await (await db.ConnectionAsync(ct)).QueryAsync<HostedParty>(new CommandDefinition(SelectByKeys,
            new { Keys = keys.ToArray() }, db.Transaction, cancellationToken: ct))).ToList();

    public async Task<long> InsertAsync(string countryCode, string partyId, string name, string roles, long? parentId, CancellationToken ct)
    {
        var sql = db.Dialect.InsertReturningId(InsertColumnsAndValues, "parties");
        return await (await db.ConnectionAsync(ct)).ExecuteScalarAsync<long>(new CommandDefinition(sql,
            new { CountryCode = countryCode, PartyId = partyId, Key = PartyKey.Of(countryCode, partyId), Name = name, Roles = roles,
                  ParentId = parentId, Now = clock.GetUtcNow().UtcDateTime }, db.Transaction, cancellationToken: ct));
    }

    public async Task UpdateAsync(long id, string name, string roles, CancellationToken ct)
    {
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(Update,
            new { Id = id, Name = name, Roles = roles, Now = clock.GetUtcNow().UtcDateTime }, db.Transaction, cancellationToken: ct));
        // A party's roles decide what it serves in every connection it takes part in.
        await routing.ChangedAsync(db, null, ct);
    }
}
