using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api;
using Serilog.Core;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>The two ends of a registered connection: its id on the inviting (server) and registering (client) instance.</summary>
public sealed record Link(string ServerConnectionId, string ClientConnectionId);

/// <summary>
/// A whole platform on Kestrel at a free 127.0.0.1 port with its own SQLite file: peers talk to it over real HTTP.
/// Scenario tests start several in one process. It can be stopped and started again on the same port and
/// database ("the same installation"); <see cref="Url"/>, <see cref="Admin"/> and <see cref="Log"/> survive that.
/// </summary>
public sealed class PlatformInstance : IAsyncDisposable
{
    private WebApplication? _app;
    private bool _disposed;

    private readonly InstanceSetup? _setup;

    private PlatformInstance(string folder, int port, CapturedLog log, InstanceSetup? setup)
    {
        _setup = setup;
        Folder = folder;
        Port = port;
        Log = log;
        Url = $"http://127.0.0.1:{port}";
        Admin = new HttpClient { BaseAddress = new Uri(Url) };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", PlatformFactory.AdminKey);
    }

    public string Url { get; }
    public int Port { get; }
    public string Folder { get; }
    public string DatabaseFile => Path.Combine(Folder, "platform.db");
    public string VersionsUrl => Url + "/ocpi/versions";
    public CapturedLog Log { get; }
    public HttpClient Admin { get; }

    /// <summary>The running host's services (a new provider after <see cref="RestartAsync"/>).</summary>
    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("The instance is stopped")).Services;

    /// <param name="setup">More settings and services for this instance (kept for restarts).</param>
    public static async Task<PlatformInstance> StartAsync(InstanceSetup? setup = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var log = new CapturedLog();
        // Bind port 0 first and read the port Kestrel got: it is then fixed for restarts.
        var app = await RunAsync(folder, 0, log, setup);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        var instance = new PlatformInstance(folder, new Uri(address).Port, log, setup) { _app = app };
        Live.TryAdd(instance, 0);
        return instance;
    }

    // The instances running in this process, for a failing wait to say what each was doing (Scenario.Eventually).
    private static readonly ConcurrentDictionary<PlatformInstance, byte> Live = new();

    /// <summary>
    /// Each running instance's last warnings and delivery lines: what a wait for a push that never came needs to say why.
    /// Tests run in parallel, so other tests' instances are listed too, each under its address.
    /// </summary>
    public static string DescribeLive(int lines = 15) => string.Join('\n', Live.Keys.Select(instance =>
        $"--- {instance.Url}: its last warnings, then its last delivery lines\n"
        + string.Join('\n', instance.Log.Warnings.TakeLast(lines).Concat(
            instance.Log.Lines.Where(l => l.StartsWith("Delivery", StringComparison.Ordinal)).TakeLast(lines)))));

    private static async Task<WebApplication> RunAsync(string folder, int port, CapturedLog log, InstanceSetup? setup)
    {
        var builder = PlatformApp.CreateBuilder([
            "--urls", $"http://127.0.0.1:{port}",
            "--environment", "Development",
            "--Database:Provider", "Sqlite",
            "--ConnectionStrings:Platform", $"Data Source={Path.Combine(folder, "platform.db")}",
            "--Admin:ApiKey", PlatformFactory.AdminKey,
            "--Serilog:MinimumLevel:Default", "Information",
            // The scenarios written for 2.2.1 keep talking 2.2.1 between instances (the highest mutual version of two
            // default instances is 2.3.0); a test about versions sets Ocpi:Versions itself, which comes later and wins.
            "--Ocpi:Versions", "2.2.1",
            .. setup?.Settings.SelectMany(s => new[] { "--" + s.Key, s.Value }) ?? [],
        ]);
        builder.Services.AddSingleton<ILogEventSink>(log);
        setup?.Services?.Invoke(builder.Services);
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
        return app;
    }

    /// <summary>Stops the host; the folder, database file and port stay reserved for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_app is null) return;
        var app = _app;
        _app = null;
        await app.StopAsync();
        await app.DisposeAsync();
        // Pooled SQLite connections would keep the file open between the two hosts.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>Starts the host again (stopping it first if it runs) on the same port and the same database file.</summary>
    public async Task RestartAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await StopAsync();
        // The port was just released; on a busy machine the bind can briefly fail.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _app = await RunAsync(Folder, Port, Log, _setup);
                return;
            }
            catch (IOException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Changes a setting of the running platform. Settings are read per use through IOptionsMonitor, which binds again
    /// when configuration reloads (an edited appsettings.json); a key set in memory raises no reload, so the bound
    /// values of every settings class are dropped here, as a reload would.
    /// </summary>
    public void Configure(string key, string value)
    {
        Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()[key] = value;
        foreach (var settings in typeof(PlatformApp).Assembly.GetTypes().Where(t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal)))
        {
            var cache = typeof(Microsoft.Extensions.Options.IOptionsMonitorCache<>).MakeGenericType(settings);
            cache.GetMethod("Clear")!.Invoke(Services.GetRequiredService(cache), null);
        }
    }

    public async Task CreatePartyAsync(string countryCode, string partyId, params string[] roles)
    {
        var response = await Admin.PostAsJsonAsync("/admin/parties", new { country_code = countryCode, party_id = partyId, roles, name = $"{countryCode} {partyId}" });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// POST /admin/connections/invitations for hosted <paramref name="parties"/> ("NL*CPO"), expiring in one hour;
    /// asserts 201 and returns the answer (<c>connection_id</c>, <c>versions_url</c>, <c>token</c>, <c>expires_at</c>).
    /// </summary>
    public async Task<JsonObject> InviteAsync(string name, params string[] parties)
    {
        var response = await Admin.PostAsJsonAsync("/admin/connections/invitations", new { name, parties, expires_in_hours = 1 });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Invitation answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>
    /// The <paramref name="server"/> invites its hosted <paramref name="serverParties"/>, and the <paramref name="client"/>
    /// registers with it (POST /admin/connections) for its hosted <paramref name="clientParties"/>. The parties must
    /// exist already (<see cref="CreatePartyAsync"/>). Asserts that both sides end <c>registered</c>.
    /// </summary>
    public static async Task<Link> ConnectAsync(PlatformInstance server, string[] serverParties, PlatformInstance client, string[] clientParties)
    {
        var invitation = await server.InviteAsync("client at " + client.Url, serverParties);
        var response = await client.Admin.PostAsJsonAsync("/admin/connections", new
        {
            name = "server at " + server.Url,
            versions_url = (string)invitation["versions_url"]!,
            token = (string)invitation["token"]!,
            parties = clientParties,
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Registration answered {(int)response.StatusCode}: {text}");
        var link = new Link((string)invitation["connection_id"]!, (string)JsonNode.Parse(text)!["id"]!);

        var atServer = JsonNode.Parse(await server.Admin.GetStringAsync($"/admin/connections/{link.ServerConnectionId}"))!;
        var atClient = JsonNode.Parse(await client.Admin.GetStringAsync($"/admin/connections/{link.ClientConnectionId}"))!;
        Assert.Equal("registered", (string?)atServer["state"]);
        Assert.Equal("registered", (string?)atClient["state"]);
        return link;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Live.TryRemove(this, out _);
        Admin.Dispose();
        if (_app is not null)
        {
            var app = _app;
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

/// <summary>What a test adds to one <see cref="PlatformInstance"/>: settings (as command-line keys) and services.</summary>
public sealed record InstanceSetup(IReadOnlyDictionary<string, string> Settings, Action<IServiceCollection>? Services = null);
