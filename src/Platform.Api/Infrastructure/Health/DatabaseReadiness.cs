using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Api.Infrastructure.Health;

/// <summary>Set once the schema scripts are applied; readiness waits for it.</summary>
public sealed class SchemaState
{
    public volatile bool Migrated;
}

/// <summary>Ready = migrations applied and the database answers.</summary>
public sealed class DatabaseReadyCheck(SchemaState schema, DbConnectionFactory factory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!schema.Migrated) return HealthCheckResult.Unhealthy("database migrations have not been applied yet");
        try
        {
            await using var connection = await factory.OpenAsync(cancellationToken);
            return await Migrator.PingAsync(connection, cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("database did not answer");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database is not reachable: " + e.GetType().Name);
        }
    }
}

/// <summary>Applies the schema before anything else starts (registered as the first hosted service).</summary>
public sealed class MigrationHostedService(Migrator migrator, SchemaState schema) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.ApplyAsync(cancellationToken);
        schema.Migrated = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
