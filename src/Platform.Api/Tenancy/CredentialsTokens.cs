using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Platform.Api.Tenancy;

public enum CredentialsTokenKind
{
    /// <summary>Token A: issued in an invitation; only versions and credentials; dies at registration.</summary>
    A,
    /// <summary>Token B: we issued it as the registering side (our credentials in our POST).</summary>
    B,
    /// <summary>Token C: we issued it as the registered side (our credentials in our answer).</summary>
    C,
}

/// <summary>The connection a presented credentials token belongs to.</summary>
public sealed record AuthenticatedToken(long TokenId, string ConnectionId, CredentialsTokenKind Kind);

/// <summary>
/// Issues and checks the credentials tokens peers call us with. A token is 43 URL-safe characters; its first
/// 12 are a public lookup key and the database keeps only a salted SHA-256 of the whole token, compared in
/// constant time. The token itself is returned once, at issue.
/// </summary>
public sealed class CredentialsTokens(DbSession db, TimeProvider clock, CredentialsTokenCache cache)
{
    private const int LookupLength = 12;

    private const string InsertToken = """
        INSERT INTO credentials_tokens (connection_id, kind, lookup, salt, hash, expires_at, revoked_at, created_at)
        VALUES (@ConnectionId, @Kind, @Lookup, @Salt, @Hash, @ExpiresAt, NULL, @Now)
        """;

    private const string SelectLiveToken = """
        SELECT id AS Id, connection_id AS ConnectionId, kind AS Kind, salt AS Salt, hash AS Hash, expires_at AS ExpiresAt
        FROM credentials_tokens
        WHERE lookup = @Lookup AND revoked_at IS NULL
        """;

    private const string RevokeKinds = """
        UPDATE credentials_tokens SET revoked_at = @Now
        WHERE connection_id = @ConnectionId AND revoked_at IS NULL AND kind IN @Kinds
        """;

    private const string SelectLiveIds = "SELECT id FROM credentials_tokens WHERE connection_id = @ConnectionId AND revoked_at IS NULL";

    private const string RevokeByValue = "UPDATE credentials_tokens SET revoked_at = @Now WHERE connection_id = @ConnectionId AND lookup = @Lookup AND revoked_at IS NULL";

    private const string RevokeOne = "UPDATE credentials_tokens SET revoked_at = @Now WHERE id = @Id AND revoked_at IS NULL";

    public async Task<string> IssueAsync(string connectionId, CredentialsTokenKind kind, DateTime? expiresAt, CancellationToken ct)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        var connection = await db.ConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(InsertToken,
            new { ConnectionId = connectionId, Kind = kind.ToString(), Lookup = token[..LookupLength], Salt = salt,
                  Hash = Hash(salt, token), ExpiresAt = expiresAt, Now = clock.GetUtcNow().UtcDateTime },
            db.Transaction, cancellationToken: ct));
        return token;
    }

    /// <summary>The first candidate that is a live token; null when none is.</summary>
    public async Task<AuthenticatedToken?> AuthenticateAsync(IReadOnlyList<string> candidates, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var candidate in candidates)
        {
            if (candidate.Length < LookupLength) continue;
            var row = cache.Find(candidate.AsSpan(0, LookupLength)) ?? await LoadAsync(candidate[..LookupLength], ct);
            if (row is null || (row.ExpiresAt is { } expires && expires <= now)) continue;
            if (Matches(row, candidate))
                return new AuthenticatedToken(row.Id, row.ConnectionId, row.Kind);
        }
        return null;
    }

    private async Task<CredentialsTokenCache.Entry?> LoadAsync(string lookup, CancellationToken ct)
    {
        var changes = cache.Changes;
        var connection = await db.ConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(SelectLiveToken, new { Lookup = lookup }, db.Transaction, cancellationToken: ct));
        if (row is null) return null;
        var entry = new CredentialsTokenCache.Entry(row.Id, row.ConnectionId, Enum.Parse<CredentialsTokenKind>(row.Kind), row.Salt, row.Hash, row.ExpiresAt);
        cache.Store(lookup, entry, changes);
        return entry;
    }

    /// <summary>Every revocation: the other nodes' caches see the counter move, this node's drops once the revocation commits.</summary>
    private async Task<int> RevokingAsync(DbConnection connection, string sql, object args, CancellationToken ct)
    {
        var revoked = await connection.ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));
        if (revoked == 0) return 0;
        await CacheGenerations.ChangedAsync(db, CredentialsTokenCache.GenerationName, cache.DropAll, ct);
        return revoked;
    }

    /// <summary>Revokes the connection's tokens of the given kinds (all kinds when none are given).</summary>
    public async Task RevokeAsync(string connectionId, CancellationToken ct, params CredentialsTokenKind[] kinds)
    {
        var connection = await db.ConnectionAsync(ct);
        var names = (kinds.Length == 0 ? Enum.GetValues<CredentialsTokenKind>() : kinds).Select(k => k.ToString()).ToArray();
        await RevokingAsync(connection, RevokeKinds, new { ConnectionId = connectionId, Kinds = names, Now = clock.GetUtcNow().UtcDateTime }, ct);
    }

    public async Task<IReadOnlyList<long>> LiveTokenIdsAsync(string connectionId, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(SelectLiveIds, new { ConnectionId = connectionId }, db.Transaction, cancellationToken: ct))).ToList();
    }

    /// <summary>Revokes one token we issued but that its peer never took (a failed rotation).</summary>
    public async Task RevokeAsync(string connectionId, CancellationToken ct, string token)
    {
        var connection = await db.ConnectionAsync(ct);
        await RevokingAsync(connection, RevokeByValue, new { ConnectionId = connectionId, Lookup = token[..LookupLength], Now = clock.GetUtcNow().UtcDateTime }, ct);
    }

    /// <summary>Revokes one token; false when it was revoked already (e.g. by a concurrent request that spent it).</summary>
    public async Task<bool> RevokeTokenAsync(long tokenId, CancellationToken ct)
    {
        var connection = await db.ConnectionAsync(ct);
        return 1 == await RevokingAsync(connection, RevokeOne, new { Id = tokenId, Now = clock.GetUtcNow().UtcDateTime }, ct);
    }

    private static byte[] Hash(byte[] salt, string token)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        HashInto(salt, token, hash);
        return hash;
    }

    /// <summary>Whether <paramref name="candidate"/> hashes to the row's hash, compared in constant time.</summary>
    private static bool Matches(CredentialsTokenCache.Entry row, string candidate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashInto(row.Salt, candidate, hash);
        return CryptographicOperations.FixedTimeEquals(hash, row.Hash);
    }

    /// <summary>SHA-256 of the salt and the token's UTF-8, the one rule for stored and presented tokens; on the stack, since every OCPI call hashes one.</summary>
    private static void HashInto(byte[] salt, string token, Span<byte> hash)
    {
        var length = salt.Length + Encoding.UTF8.GetByteCount(token);
        Span<byte> input = length <= 1024 ? stackalloc byte[length] : new byte[length];
        salt.CopyTo(input);
        Encoding.UTF8.GetBytes(token, input[salt.Length..]);
        SHA256.HashData(input, hash);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // A property bag, not a positional record: Dapper matches constructors by exact column type, and SQLite
    // reports DateTime columns as text.
    private sealed class TokenRow
    {
        public long Id { get; init; }
        public string ConnectionId { get; init; } = "";
        public string Kind { get; init; } = "";
        public byte[] Salt { get; init; } = [];
        public byte[] Hash { get; init; } = [];
        public DateTime? ExpiresAt { get; init; }
    }
}
