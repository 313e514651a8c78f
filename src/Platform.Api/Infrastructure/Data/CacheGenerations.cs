namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// The statements of <c>cache_generations</c> (0015): a counter per in-memory cache of shared data. A change that other
/// nodes' caches must hear of adds one in its own transaction; each cache hears its counter (<see cref="Select"/>, or
/// <see cref="SelectAll"/> for the caches <see cref="Tenancy.CacheGenerationWatch"/> reads for) and drops what it holds
/// when the counter moved.
/// </summary>
public static class CacheGenerations
{
    public const string Select = "SELECT generation FROM cache_generations WHERE name = @Name";

    public const string SelectAll = "SELECT name, generation FROM cache_generations";

    public const string Bump = "UPDATE cache_generations SET generation = generation + 1 WHERE name = @Name";
}
