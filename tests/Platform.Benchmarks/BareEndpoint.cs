using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Platform.Benchmarks;

/// <summary>
/// The P1 baseline: a minimal-API app on Kestrel at 127.0.0.1 that answers the same route with the same envelope
/// bytes and nothing else: no auth, no routing, no validation, no database, no logging. The gap between it and
/// the platform is the cost of the platform's own work on that machine.
/// </summary>
public sealed class BareEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BareEndpoint(WebApplication app)
    {
        _app = app;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public string Url { get; }

    public static async Task<BareEndpoint> StartAsync(byte[] envelope)
    {
        var app = BareApp.CreateBuilder("http://127.0.0.1:0").Build();
        app.MapPatch("/ocpi/2.2.1/receiver/locations/{countryCode}/{partyId}/{locationId}/{evseUid}",
            () => Results.Bytes(envelope, "application/json"));
        await app.StartAsync();
        return new BareEndpoint(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The P6 baseline process: a minimal ASP.NET Core app whose /health/ready answers 200 as soon as it listens.</summary>
public static class BareHost
{
    public const string Command = "bare-host";

    public static async Task<int> RunAsync(string url)
    {
        var app = BareApp.CreateBuilder(url).Build();
        app.MapGet("/health/ready", () => "Healthy");
        await app.RunAsync();
        return 0;
    }
}

/// <summary>How every baseline app is built: a minimal API on Kestrel, no logging, nothing else.</summary>
public static class BareApp
{
    /// <remarks>
    /// The content root is this program's own folder, never written while it runs. The default, the working
    /// directory, is watched for settings changes with its subfolders. Run from a folder that held the data directory,
    /// every write to the platforms' databases woke the baseline's watcher: 4 % of a core during the pipeline's PATCH
    /// windows, and nothing during bare's own.
    /// </remarks>
    public static WebApplicationBuilder CreateBuilder(string url)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        return builder;
    }
}
