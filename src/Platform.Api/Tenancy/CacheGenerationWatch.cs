using Dapper;
using Platform.Api.Infrastructure.Health;

namespace Platform.Api.Tenancy;

/// <summary>
/// Reads <c>cache_generations</c> every <see cref="CheckInterval"/>, off the request path, and tells each cache of shared
/// rows (credentials tokens, routing views) its counter: a change another node committed, a revoked token or a
/// suspended connection, is heard here within that interval, and no request waits for the read. This node's own changes
/// drop the caches when they commit.
/// </summary>
public sealed class CacheGenerationWatch(DbConnectionFactory factory, IEnumerable<IGenerationCache> caches, SchemaState schema,
    TimeProvider clock, ILogger<CacheGenerationWatch> logger) : BackgroundService
{
    /// <summary>How long a change made on another node may go unheard here.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private sealed record Row(string Name, long Generation);

    // Each counter as last read; a cache absent here has not been told of any reading yet.
    private readonly Dictionary<string, long> _heard = new(StringComparer.Ordinal);

    /// <summary>
    /// One reading: a cache whose counter moved since the last one drops what it holds, and so does every cache at the
    /// first reading, since what it held before is unknown. When the reading fails, every cache drops what it holds, and
    /// the caller hears why.
    /// </summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await factory.OpenAsync(ct);
            var read = (await connection.QueryAsync<Row>(new CommandDefinition(CacheGenerations.SelectAll, cancellationToken: ct)))
                .ToDictionary(r => r.Name, r => r.Generation, StringComparer.Ordinal);
            lock (_heard)
            {
                foreach (var cache in caches)
                {
                    var generation = read.TryGetValue(cache.GenerationName, out var value) ? value
                        : throw new InvalidOperationException($"cache_generations has no {cache.GenerationName} row: the schema is not migrated");
                    if (_heard.TryGetValue(cache.GenerationName, out var last) && last == generation) continue;
                    _heard[cache.GenerationName] = generation;
                    cache.DropAll();
                }
            }
        }
        catch
        {
            foreach (var cache in caches) cache.DropAll();
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!schema.Migrated) await Task.Delay(200, stoppingToken);
            using var timer = new PeriodicTimer(CheckInterval, clock);
            do
            {
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Dropped, so every call reads the database until a reading succeeds again.
                    logger.LogWarning(e, "Reading the shared cache counters failed; the token and routing caches are dropped until it succeeds");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public static class SharedCachesSetup
{
    /// <summary>The caches of shared rows and the watch that tells them of other nodes' changes (not started here).</summary>
    public static IServiceCollection AddSharedCaches(this IServiceCollection services) => services
        .AddSingleton<CredentialsTokenCache>()
        .AddSingleton<ConnectionRoutingCache>()
        .AddSingleton<IGenerationCache>(sp => sp.GetRequiredService<CredentialsTokenCache>())
        .AddSingleton<IGenerationCache>(sp => sp.GetRequiredService<ConnectionRoutingCache>())
        .AddSingleton<CacheGenerationWatch>();
}
