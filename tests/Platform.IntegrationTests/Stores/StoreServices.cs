using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Infrastructure.Health;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Probes;
using Platform.Api.Infrastructure.Sending;
using Platform.Api.Tenancy;

namespace Platform.IntegrationTests.Stores;

/// <summary>
/// The stores of one platform node over one database, registered as the platform registers them, without the web host.
/// A second provider over the same database is a second node.
/// </summary>
internal static class StoreServices
{
    public static ServiceProvider Build(DatabaseOptions options, TimeProvider? clock = null) =>
        new ServiceCollection()
            .AddSingleton(options)
            .AddSingleton(clock ?? TimeProvider.System)
            .AddSingleton<DbConnectionFactory>()
            .AddSingleton<Migrator>()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<SqliteWriteGate>()
            .AddSingleton<SqliteGroupCommit>()
            // On SQLite the object reads go through it, on SQL Server it is off.
            .AddSingleton<ObjectCache>()
            .AddScoped<DbSession>()
            .AddScoped<CredentialsTokens>()
            .AddSharedCaches()
            .AddSingleton<SchemaState>()
            .AddScoped<ConnectionStore>()
            .AddScoped<ConnectionRouting>()
            .AddScoped<PartyStore>()
            .AddScoped<OcpiObjectStore>()
            .AddScoped<SendQueue>()
            .AddScoped<DeliveryStore>()
            .AddScoped<Platform.Api.Modules.HubClientInfo.ClientInfoStore>()
            .AddScoped<ProbeStore>()
            .BuildServiceProvider();
}
