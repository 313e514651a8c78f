using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace Platform.Api.Tenancy;

/// <summary>
/// The live credentials tokens that called recently, by lookup prefix: their salted hash, connection and kind, never
/// the token. A call whose token is here is checked without the database (the hash is still compared, and the
/// expiry still read, every time). Unknown prefixes always go to the database, so a token issued on any node works
/// at once. A revocation on this node drops the cache when it commits; one on another node adds one to
/// <c>cache_generations</c> in its transaction, and each node reads that counter at most every
/// <see cref="CheckInterval"/> (on the first call after it) and drops the cache when it moved.
/// </summary>
public sealed class CredentialsTokenCache(TimeProvider clock)
{
    public const string GenerationName = "credentials_tokens";

    /// <summary>How long a revocation made on another node may go unseen here.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);


    /// <summary>What the database holds of one live token.</summary>
    public sealed record Entry(long Id, string ConnectionId, CredentialsTokenKind Kind, byte[] Salt, byte[] Hash, DateTime? ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> _tokens = new(StringComparer.Ordinal);
    private long _changes;
    private long? _generation;
    private long _checkedAt = long.MinValue;
    private int _checking;

    /// <summary>Read before loading a token and hand it to <see cref="Store"/>: a revocation in between keeps it out.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>By a span of the presented token, so that no lookup string is cut per call.</summary>
    public Entry? Find(ReadOnlySpan<char> lookup) => _tokens.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(lookup, out var entry) ? entry : null;

    public void Store(string lookup, Entry entry, long changesBeforeLoad)
    {
        if (Changes != changesBeforeLoad) return;
        _tokens[lookup] = entry;
        // A revocation that committed between the check above and the write would find nothing to drop.
        if (Changes != changesBeforeLoad) _tokens.TryRemove(KeyValuePair.Create(lookup, entry));
    }

    /// <summary>A token was revoked (on this node, once committed, or on another, seen by its counter).</summary>
    public void DropAll()
    {
        Interlocked.Increment(ref _changes);
        _tokens.Clear();
    }

    /// <summary>
    /// Reads the shared counter when <see cref="CheckInterval"/> has passed since the last read, dropping the cache if
    /// another node revoked a token meanwhile. One caller reads it; the others go on with the cache as it is.
    /// </summary>
    public async Task CheckGenerationAsync(Func<CancellationToken, Task<DbConnection>> connection, DbTransaction? transaction, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (Interlocked.Read(ref _checkedAt) != long.MinValue && clock.GetElapsedTime(Interlocked.Read(ref _checkedAt), now) < CheckInterval) return;
        if (Interlocked.Exchange(ref _checking, 1) == 1) return;
        try
        {
            var generation = await (await connection(ct)).ExecuteScalarAsync<long>(
                new CommandDefinition(CacheGenerations.Select, new { Name = GenerationName }, transaction, cancellationToken: ct));
            if (_generation != generation)
            {
                if (_generation is not null) DropAll();
                _generation = generation;
            }
            Interlocked.Exchange(ref _checkedAt, now);
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }
}
