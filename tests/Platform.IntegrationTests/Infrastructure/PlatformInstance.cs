using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api;
using Serilog.Core;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// A whole platform on Kestrel at a free 127.0.0.1 port with its own SQLite file: peers talk to it over real HTTP.
/// Scenario tests start several in one process.
/// </summary>
public sealed class PlatformInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlatformInstance(WebApplication app, string folder, CapturedLog log)
    {
        _app = app;
        Folder = folder;
        Log = log;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Admin = new HttpClient { BaseAddress = new Uri(Url) };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", PlatformFactory.AdminKey);
    }

    public string Url { get; }
    public string Folder { get; }
    public string DatabaseFile => Path.Combine(Folder, "platform.db");
    public CapturedLog Log { get; }
    public HttpClient Admin { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<PlatformInstance> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = PlatformApp.CreateBuilder([
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            "--Database:Provider", "Sqlite",
            "--ConnectionStrings:Platform", $"Data Source={Path.Combine(folder, "platform.db")}",
            "--Admin:ApiKey", PlatformFactory.AdminKey,
            "--Serilog:MinimumLevel:Default", "Information",
        ]);
        var log = new CapturedLog();
        builder.Services.AddSingleton<ILogEventSink>(log);
        var app = PlatformApp.Build(builder);
        await app.StartAsync();
        return new PlatformInstance(app, folder, log);
    }

    public async Task CreatePartyAsync(string countryCode, string partyId, params string[] roles)
    {
        var response = await Admin.PostAsJsonAsync("/admin/parties", new { country_code = countryCode, party_id = partyId, roles, name = $"{countryCode} {partyId}" });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
