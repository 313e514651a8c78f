using Dapper;

namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// The statements of <c>cache_generations</c> (0015): a counter per in-memory cache of shared data. A change that other
/// nodes' caches must hear of adds one in its own transaction (<see cref="ChangedAsync"/>); each cache hears its counter
/// (<see cref="Select"/>, or <see cref="SelectAll"/> for the caches <see cref="Tenancy.CacheGenerationWatch"/> reads
/// for) and drops what it holds when the counter moved.
/// </summary>
public static class CacheGenerations
{
    public const string Select = "SELECT generation FROM cache_generations WHERE name = @Name";

    public const string SelectAll = "SELECT name, generation FROM cache_generations";

    public const string Bump = "UPDATE cache_generations SET generation = generation + 1 WHERE name = @Name";

    /// <summary>
    /// <paramref name="db"/>'s transaction changed rows that the <paramref name="generation"/> caches hold: other nodes
    /// hear of it by the counter, this one by <paramref name="dropHere"/>, run once the change has committed.
    /// </summary>
    public static async Task ChangedAsync(DbSession db, string generation, Action dropHere, CancellationToken ct)
    {
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(Bump, new { Name = generation }, db.Transaction, cancellationToken: ct));
        // After, not before, the commit: a request loading the rows in between would otherwise cache the old ones.
        db.AfterCommit(dropHere);
    }
}
