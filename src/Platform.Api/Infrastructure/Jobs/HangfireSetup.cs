using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Infrastructure.Security;

namespace Platform.Api.Infrastructure.Jobs;

/// <summary>
/// Hangfire with its storage held in DI (not the static JobStorage.Current), so several platform hosts can run in
/// one process. In-memory storage in embedded mode is safe: the durable outbox, not Hangfire, records what must
/// still be sent, and a recurring sweep re-enqueues it after a restart.
/// </summary>
public static class HangfireSetup
{
    public static IServiceCollection AddPlatformJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobStorage>(sp => sp.GetRequiredService<DatabaseOptions>() is { Provider: DatabaseProvider.SqlServer } database
            ? new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions { PrepareSchemaIfNecessary = true })
            : new InMemoryStorage(new InMemoryStorageOptions()));
        // AddHangfire's default JobActivator is the process-wide JobActivator.Current, which every host's start-up
        // overwrites: hosts starting together (tests) would run their jobs in another host's container and database.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, options) =>
        {
            options.WorkerCount = sp.GetRequiredService<IConfiguration>().GetValue("Hangfire:WorkerCount", 4);
            options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        return services;
    }

    public static WebApplication UsePlatformJobsDashboard(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Hangfire:Dashboard", true)) return app;
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminKeyDashboardFilter(app.Services.GetRequiredService<AdminKey>())],
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private sealed class AdminKeyDashboardFilter(AdminKey key) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            key.Accepts(context.GetHttpContext().Request.Headers.Authorization);
    }
}
