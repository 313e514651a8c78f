using Platform.Api.Admin;
using Platform.Api.Admin.Connections;
using Platform.Api.Admin.Deliveries;
using Platform.Api.Admin.Parties;
using Platform.Api.Infrastructure;
using Platform.Api.Infrastructure.Health;
using Platform.Api.Infrastructure.Jobs;
using Platform.Api.Infrastructure.Logging;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Api.Infrastructure.Security;
using Platform.Api.Infrastructure.Telemetry;
using Platform.Api.Modules;
using Platform.Api.Modules.Cdrs;
using Platform.Api.Modules.Cdrs.BackOffice;
using Platform.Api.Modules.ChargingProfiles;
using Platform.Api.Modules.Commands;
using Platform.Api.Modules.Credentials;
using Platform.Api.Modules.HubClientInfo;
using Platform.Api.Modules.Locations;
using Platform.Api.Modules.Locations.BackOffice;
using Platform.Api.Modules.Sessions;
using Platform.Api.Modules.Sessions.BackOffice;
using Platform.Api.Modules.Tariffs;
using Platform.Api.Modules.Tariffs.BackOffice;
using Platform.Api.Modules.Tokens;
using Platform.Api.Modules.Tokens.BackOffice;
using Platform.Api.Modules.Versions;
using Platform.Api.WebConsole;
using Scalar.AspNetCore;
using Serilog;

namespace Platform.Api;

/// <summary>
/// Builds one platform host. Program.Main uses it, and so do tests, which start several hosts in one process:
/// nothing here may rely on process-wide state (the static Serilog logger, JobStorage.Current).
/// </summary>
public static class PlatformApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        SettingsFiles.PollForChanges(builder);
        AddServices(builder);
        return builder;
    }

    public static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        UtcDateTimeHandler.Register();
        builder.AddPlatformTelemetry();

        services.AddSerilog((sp, log) => log
            .ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>())
            .ReadFrom.Services(sp)
            .Enrich.FromLogContext()
            .Enrich.With<TraceEnricher>()
            .Enrich.With<SecretScrubber>(), preserveStaticLogger: true);

        services.AddSingleton(TimeProvider.System);
        // Configuration is read when services are resolved, not here: test hosts add their settings at Build().
        services.AddDatabaseOptions();
        services.AddSingleton<DbConnectionFactory>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<SchemaState>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<SqliteGroupCommit>();
        services.AddSingleton<Platform.Api.Infrastructure.Objects.ObjectCache>();
        services.AddScoped<DbSession>();
        services.AddSingleton(sp => AdminKey.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<DbConnectionFactory>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Admin")));
        services.AddSingleton<PublicUrl>();
        services.AddScoped<RequestCorrelation>();

        // Migrations first: every other hosted service (Hangfire's server included) expects the schema.
        services.AddHostedService<MigrationHostedService>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);

        services.AddKeyRing();

        services.AddPlatformJobs();

        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<Migrator>(ServiceLifetime.Singleton, includeInternalTypes: true);

        services.AddAdminOpenApi();

        // Authentication: the admin and console groups declare their scheme (admin key or console cookie) through a
        // policy; OCPI endpoints declare which credentials tokens they take (OcpiAccess), checked by OcpiAuthentication.
        services.AddAuthentication().AddAdminAccess();
        services.AddAuthorization(AdminAccess.AddPolicy);
        services.AddProblemDetails();
        // Hangfire's dashboard checks antiforgery tokens on its own forms when IAntiforgery is there (console cookie).
        services.AddAntiforgery();
        services.AddExceptionHandler<AdminProblems>();

        // Tenancy
        services.AddScoped<CredentialsTokens>();
        services.AddSharedCaches();
        services.AddHostedService(sp => sp.GetRequiredService<CacheGenerationWatch>());
        services.AddScoped<OcpiCaller>();
        services.AddScoped<PartyStore>();
        services.AddScoped<ConnectionStore>();
        services.AddScoped<Platform.Api.Infrastructure.Problems.ConnectionProblems>();
        services.AddSingleton<OutboundTokens>();
        services.AddHttpContextAccessor();
        services.AddPeerClient();
        services.AddScoped<PeerCalls>();
        services.AddScoped<PeerDiscovery>();
        services.AddScoped<OurCredentials>();
        services.AddScoped<CredentialsExchange>();
        services.AddScoped<ParticipantResolver>();
        services.AddScoped<ConnectionViews>();
        services.AddSingleton<PeerCallOutcomes>();
        services.AddHostedService<ConnectionHealthWriter>();
        services.AddScoped<ConnectionHealthStore>();
        services.AddSettings<HealthOptions>("Health");
        services.AddScoped<ConnectionRouting>();
        services.AddScoped<Routing>();
        services.AddSingleton<IOcpiResponseHeaders, OcpiRoutingResponseHeaders>();
        services.AddScoped<BackOfficeParties>();
        services.AddScoped<ConsoleSessionStore>();
        services.AddSettings<ConsoleOptions>("Console");

        // Objects, outbox and deliveries
        services.AddScoped<OcpiObjectStore>();
        services.AddScoped<Outbox>();
        services.AddSingleton<Platform.Api.Infrastructure.Sending.SendSignal>();
        services.AddScoped<Platform.Api.Infrastructure.Sending.SendQueue>();
        services.AddScoped<Platform.Api.Infrastructure.Sending.ISendKind, OutboxDispatchSends>();
        services.AddScoped<Platform.Api.Infrastructure.Sending.ISendKind, DeliverySends>();
        services.AddSingleton<DispatchGate>();
        // Read per use, so an operator can change retry settings without a restart.
        services.AddSettings<DeliveryOptions>("Deliveries");
        services.AddScoped<DeliveryStore>();
        services.AddScoped<OutboxDispatchJob>();
        services.AddScoped<PushDeliveryJob>();
        // Before the pump, so that at shutdown the pump stops first and the runner then waits for the pushes in flight.
        services.AddSingleton<PushRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<PushRunner>());
        services.AddHostedService<Platform.Api.Infrastructure.Sending.SendPump>();
        services.AddHostedService<Platform.Api.Infrastructure.Sync.ResyncService>();
        services.AddScoped<Platform.Api.Infrastructure.Sync.ResyncJob>();
        services.AddScoped<Platform.Api.Infrastructure.Sync.ResyncScheduler>();
        services.AddScoped<Platform.Api.Infrastructure.Probes.ProbeStore>();
        services.AddScoped<Platform.Api.Infrastructure.Probes.ProbeJob>();

        // OCPI modules
        services.AddSingleton<OcpiEndpointCatalog>();
        services.AddOcpiVersions();
        services.AddLocationsModule();
        services.AddSessionsModule();
        services.AddCdrsModule();
        services.AddTokensModule();
        services.AddHubClientInfoModule();
        services.AddTariffsModule();
        services.AddCommandsModule();
        services.AddChargingProfilesModule();
        services.AddPricing();
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        // Writes each request's line with the host's logger, not the static one: only it escapes control characters and
        // masks secrets (SecretScrubber).
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        // Error shapes first, so that a refused authentication is an OCPI envelope on /ocpi and a problem on /admin.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/ocpi"), ocpi => ocpi.UseMiddleware<OcpiRequestMetrics>().UseMiddleware<OcpiErrorMiddleware>());
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/admin"), admin => admin.UseExceptionHandler().UseStatusCodePages());
        // Each endpoint declares who may call it through its group's metadata (admin policy, OcpiAccess); nothing is
        // authenticated by path. OCPI endpoints carry no policy (OcpiAuthentication checks their tokens), so these two pass
        // them on. Not in a branch: WebApplication would add both again at the start, not seeing them called.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/admin") || http.Request.Path.StartsWithSegments("/console"),
            signedIn => signedIn.Use(ConsoleAuthentication.RequireAntiforgeryToken));
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/ocpi"), ocpi => ocpi
            .UseMiddleware<OcpiAuthentication>()
            .Use(Modules.Versions.WireEdge.WithVersionIdLengths)
            .UseMiddleware<OcpiRoutingMiddleware>());

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/scalar");
        app.UsePlatformJobsDashboard();
        app.MapConsole();
        app.MapPlatformMetrics();

        app.MapGroup("/ocpi").WithMetadata(OcpiAccess.Registered).MapVersions().MapCredentials().MapLocations().MapSessions().MapCdrs().MapTokens().MapHubClientInfo().MapTariffs()
            .MapCommands().MapChargingProfiles();
        app.MapGroup("/admin").DescribedForOpenApi().RequireAuthorization(AdminAccess.Policy).MapPartiesAdmin().MapConnectionsAdmin().MapLocationsBackOffice().MapSessionsBackOffice()
            .MapCdrsBackOffice().MapTokensBackOffice().MapTariffsBackOffice().MapCommandsBackOffice().MapChargingProfilesBackOffice()
            .MapDeliveriesAdmin();
        return app;
    }
}
