namespace Platform.Api.Tenancy;

/// <summary>
/// An in-memory cache of shared rows that hears of other nodes' changes by its counter in <c>cache_generations</c>,
/// which <see cref="CacheGenerationWatch"/> reads for it.
/// </summary>
public interface IGenerationCache
{
    string GenerationName { get; }

    /// <summary>
    /// Another node changed what the cache holds (its counter moved), or the counter could not be read: what it holds can
    /// no longer be vouched for.
    /// </summary>
    void DropAll();
}
