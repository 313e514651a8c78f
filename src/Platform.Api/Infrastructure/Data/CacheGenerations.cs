namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// The statements of <c>cache_generations</c> (0015): a counter per in-memory cache of shared data. A change that other
/// nodes' caches must hear of adds one in its own transaction; each cache reads its counter and drops what it holds when
/// the counter moved.
/// </summary>
public static class CacheGenerations
{
    public const string Select = "SELECT generation FROM cache_generations WHERE name = @Name";

    public const string Bump = "UPDATE cache_generations SET generation = generation + 1 WHERE name = @Name";
}
