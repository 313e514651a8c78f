using Dapper;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Health;
using Platform.Api.Infrastructure.Outbox;

namespace Platform.Api.Infrastructure.Sync;

/// <summary>
/// Receivers pull at start-up (whatever was missed while this process was down), then every
/// <c>Deliveries:ResyncIntervalMinutes</c>; a connection that just registered is pulled at once, so a new receiver
/// gets everything there already is.
/// </summary>
public sealed class ResyncService(IServiceScopeFactory scopes, SchemaState schema, IOptionsMonitor<DeliveryOptions> settings, TimeProvider clock,
    ILogger<ResyncService> logger) : BackgroundService
{
    private const string SelectPullableConnections = "SELECT id FROM connections WHERE kind = 'remote' AND state = 'registered'";

    private const string SelectNewlyRegistered = "SELECT id FROM connections WHERE kind = 'remote' AND state = 'registered' AND registered_at >= @Since";

    private DateTime _nextResync = DateTime.MinValue;
    private DateTime _registeredSince = DateTime.MinValue;
    private readonly HashSet<string> _pulledAfterRegistration = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!schema.Migrated) await Task.Delay(200, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Resync scheduling failed; retrying at the next pass");
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.CurrentValue.PollSeconds), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow().UtcDateTime;
        var db = await scope.ServiceProvider.GetRequiredService<DbSession>().ConnectionAsync(ct);
        // The window overlaps the previous pass (a registration may commit late); each is pulled once for it.
        var due = now >= _nextResync
            ? await db.QueryAsync<string>(new CommandDefinition(SelectPullableConnections, cancellationToken: ct))
            : (await db.QueryAsync<string>(new CommandDefinition(SelectNewlyRegistered, new { Since = _registeredSince }, cancellationToken: ct)))
                .Where(_pulledAfterRegistration.Add).ToList();
        if (now >= _nextResync)
        {
            _nextResync = now + TimeSpan.FromMinutes(settings.CurrentValue.ResyncIntervalMinutes);
            _pulledAfterRegistration.Clear();
        }
        _registeredSince = now - TimeSpan.FromSeconds(30);
        var scheduler = scope.ServiceProvider.GetRequiredService<ResyncScheduler>();
        foreach (var connectionId in due) scheduler.Enqueue(connectionId);
    }
}
