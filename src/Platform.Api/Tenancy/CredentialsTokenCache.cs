using System.Collections.Concurrent;

namespace Platform.Api.Tenancy;

/// <summary>
/// The live credentials tokens that called recently, by lookup prefix: their salted hash, connection and kind, never
/// the token. A call whose token is here is checked without the database (the hash is still compared, and the
/// expiry still read, every time). Unknown prefixes always go to the database, so a token issued on any node works
/// at once. A revocation on this node drops the cache when it commits; one on another node adds one to
/// <c>cache_generations</c> in its transaction, which <see cref="CacheGenerationWatch"/> reads every
/// <see cref="CacheGenerationWatch.CheckInterval"/>, and the cache is dropped when it moved.
/// </summary>
public sealed class CredentialsTokenCache : IGenerationCache
{
    public const string GenerationName = "credentials_tokens";

    /// <summary>What the database holds of one live token.</summary>
    public sealed record Entry(long Id, string ConnectionId, CredentialsTokenKind Kind, byte[] Salt, byte[] Hash, DateTime? ExpiresAt);

    private readonly ConcurrentDictionary<string, Entry> _tokens = new(StringComparer.Ordinal);
    private long _changes;

    string IGenerationCache.GenerationName => GenerationName;

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

    /// <summary>A token was revoked (on this node, once committed, or on another, heard by its counter).</summary>
    public void DropAll()
    {
        Interlocked.Increment(ref _changes);
        _tokens.Clear();
    }
}
