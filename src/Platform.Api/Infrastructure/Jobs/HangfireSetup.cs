using Hangfire;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.Authentication;
using Platform.Api.Admin;

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
        // AddHangfire registers JobActivator.Current, a static the last host to start overwrites: two hosts starting
        // at once could run each other's jobs in the wrong container. Each host gets its own activator instead.
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
            // The admin key or the console's sign-in; "Back to site" leads to the console.
            Authorization = [],
            AsyncAuthorization = [new AdminAccessDashboardFilter()],
            AppPath = "/console",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private sealed class AdminAccessDashboardFilter : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context) =>
            (await context.GetHttpContext().AuthenticateAsync(AdminAccess.SchemeName)).Succeeded;
    }
}
