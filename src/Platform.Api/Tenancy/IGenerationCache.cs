namespace Platform.Api.Tenancy;

/// <summary>
/// An in-memory cache of shared rows that hears of other nodes' changes by its counter in <c>cache_generations</c>,
/// read for it by <see cref="CacheGenerationWatch"/>.
/// </summary>
public interface IGenerationCache
{
    string GenerationName { get; }

    /// <summary>The counter as just read: drops what the cache holds when it moved since the last reading, or at the first.</summary>
    void Heard(long generation);

    /// <summary>The counter could not be read: what the cache holds can no longer be vouched for.</summary>
    void DropAll();
}

/// <summary>The last counter a cache heard; the first reading counts as a move, since what came before it is unknown.</summary>
public sealed class HeardGeneration
{
    private long _last = long.MinValue;

    public bool Moved(long generation) => Interlocked.Exchange(ref _last, generation) != generation;
}
