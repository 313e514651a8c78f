using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Platform.Api;
using Platform.Api.Tenancy;

namespace Platform.Benchmarks;

/// <summary>
/// A whole platform on Kestrel at a free 127.0.0.1 port with its own SQLite file, as a peer would reach it.
/// A trimmed copy of the integration tests' PlatformInstance: this project must not depend on the test projects.
/// </summary>
public sealed class BenchPlatform : IBenchHost, IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-0123456789";

    private readonly WebApplication _app;
    private readonly bool _keep;

    private BenchPlatform(WebApplication app, string folder, bool keep)
    {
        _app = app;
        _keep = keep;
        Folder = folder;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.TrimEnd('/');
        Admin = new HttpClient { BaseAddress = new Uri(Url) };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
    }

    public string Url { get; }
    public string Folder { get; }
    public string DatabaseFile => Path.Combine(Folder, "platform.db");
    public HttpClient Admin { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<BenchPlatform> StartAsync(string name, BenchOptions options)
    {
        var folder = Path.Combine(options.DataDirectory, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var builder = PlatformApp.CreateBuilder([
            "--urls", "http://127.0.0.1:0",
            // Production, not Development: Development turns on DI scope validation, which costs on every request.
            "--environment", "Production",
            // An empty content root, so no stray appsettings.json of the working directory is read.
            "--contentRoot", folder,
            "--Database:Provider", "Sqlite",
            "--ConnectionStrings:Platform", $"Data Source={Path.Combine(folder, "platform.db")}",
            "--Admin:ApiKey", AdminKey,
            // The levels appsettings.json ships, so log events are built as in production; only warnings reach
            // the console, since writing every request line to a terminal would measure the terminal.
            "--Serilog:MinimumLevel:Default", options.LogLevel,
            "--Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning",
            "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning",
            "--Serilog:MinimumLevel:Override:System.Net.Http.HttpClient", "Warning",
            "--Serilog:MinimumLevel:Override:Hangfire", "Warning",
            "--Serilog:WriteTo:0:Name", "Console",
            "--Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Warning",
            // The platforms reach each other on 127.0.0.1, which the outbound URL policy refuses by default.
            "--Peers:AllowPrivateNetworks", "true",
            "--OpenTelemetry:Enabled", options.Telemetry == "off" ? "false" : "true",
            "--OpenTelemetry:Record", options.Telemetry == "traces" ? "true" : "false",
        ]);
        var app = PlatformApp.Build(builder);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new BenchPlatform(app, folder, options.KeepData);
    }

    public Task CreatePartyAsync(string countryCode, string partyId, params string[] roles) => CreatePartyAsync(this, countryCode, partyId, roles);

    public static async Task CreatePartyAsync(IBenchHost host, string countryCode, string partyId, params string[] roles)
    {
        var response = await host.Admin.PostAsJsonAsync("/admin/parties", new { country_code = countryCode, party_id = partyId, roles, name = $"{countryCode} {partyId}" });
        await EnsureAsync(response, "Creating party " + countryCode + "*" + partyId);
    }

    /// <summary>
    /// The <paramref name="server"/> invites its <paramref name="serverParties"/> and the <paramref name="client"/>
    /// registers with it for its <paramref name="clientParties"/>; returns the connection id on each side.
    /// </summary>
    public static async Task<(string ServerConnectionId, string ClientConnectionId)> ConnectAsync(IBenchHost server, string[] serverParties,
        IBenchHost client, string[] clientParties)
    {
        var invited = await server.Admin.PostAsJsonAsync("/admin/connections/invitations",
            new { name = "client at " + client.Url, parties = serverParties, expires_in_hours = 1 });
        var invitation = JsonNode.Parse(await EnsureAsync(invited, "Invitation"))!;
        var registered = await client.Admin.PostAsJsonAsync("/admin/connections", new
        {
            name = "server at " + server.Url,
            versions_url = (string)invitation["versions_url"]!,
            token = (string)invitation["token"]!,
            parties = clientParties,
        });
        var connection = JsonNode.Parse(await EnsureAsync(registered, "Registration"))!;
        if ((string?)connection["state"] != "registered")
            throw new InvalidOperationException($"Registration ended {(string?)connection["state"]}");
        return ((string)invitation["connection_id"]!, (string)connection["id"]!);
    }

    /// <summary>The token this platform calls the peer of the connection with, read behind its back and decrypted.</summary>
    public async Task<string> HeldTokenAsync(string connectionId)
    {
        await using var db = new SqliteConnection($"Data Source={DatabaseFile}");
        var stored = await db.QuerySingleAsync<string>("SELECT outbound_token FROM connections WHERE id = @Id", new { Id = connectionId });
        return Services.GetRequiredService<OutboundTokens>().Unprotect(stored);
    }

    public static async Task<string> EnsureAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_keep)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"Could not delete {Folder}: {e.Message}");
            }
        }
    }
}

/// <summary>A platform the benchmarks drive through its admin API, in this process or a child one.</summary>
public interface IBenchHost
{
    string Url { get; }
    HttpClient Admin { get; }
}
