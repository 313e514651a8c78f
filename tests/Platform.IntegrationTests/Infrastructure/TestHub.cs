using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Ocpi;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>What the hub did with a request it passed on.</summary>
public enum HubForwardKind
{
    /// <summary>OCPI-to named a party: passed to the platform hosting it.</summary>
    Directed,
    /// <summary>One receiving party's copy of a push addressed to the hub (digest §2.4).</summary>
    Broadcast,
    /// <summary>One owner party's part of a GET addressed to the hub (digest §2.6).</summary>
    GetAll,
    /// <summary>An async result POSTed to a hub callback, relayed to the original <c>response_url</c>.</summary>
    Callback,
}

/// <summary>
/// One request the hub sent on. <see cref="From"/>/<see cref="To"/> are "CC*PID" as sent on the outgoing request;
/// <see cref="HttpStatus"/> is null when the target gave no answer (timeout, connection refused).
/// <see cref="AnswerHeaders"/> are the target's response headers before relaying (its echo of the ids it received).
/// </summary>
public sealed record HubForward(HubForwardKind Kind, string Method, string PathIn, string TargetUrl, string? From, string To,
    string? RequestIdIn, string RequestIdOut, string? CorrelationIdIn, string CorrelationIdOut, int? HttpStatus, int? OcpiStatus,
    IReadOnlyDictionary<string, string> AnswerHeaders)
{
    public bool Broadcast => Kind == HubForwardKind.Broadcast;
}

/// <summary>
/// One ClientInfo PUT to a platform (<see cref="Target"/> is its versions URL). <see cref="HttpStatus"/> is null
/// when nothing was sent or nothing came back; <see cref="Error"/> then says why.
/// </summary>
public sealed record ClientInfoPush(string Target, string Party, string Role, string Status, int? HttpStatus, int? OcpiStatus, string? Error);

/// <summary>
/// An OCPI 2.2.1 Hub for tests, on Kestrel at 127.0.0.1: platforms register with it (it is the credentials
/// receiver, handing out token A through <see cref="Invite"/>), it announces every party to the others with
/// ClientInfo, and it routes functional-module traffic between platforms by the OCPI-to headers — directed,
/// broadcast push and GET all (digest §2) — recording what it forwarded. It is not a platform instance and keeps
/// everything in memory. It logs nothing, so no token can leak through it.
/// </summary>
public sealed partial class TestHub : IAsyncDisposable
{
    private const string Version = "2.2.1";

    /// <summary>Functional modules the hub routes; each is listed as both SENDER and RECEIVER.</summary>
    private static readonly string[] RoutedModules = ["locations", "sessions", "cdrs", "tariffs", "tokens", "commands", "chargingprofiles"];

    private static readonly string[] Statuses = ["CONNECTED", "OFFLINE", "PLANNED", "SUSPENDED"];

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<HubForward> _forwards = new();
    private readonly ConcurrentQueue<ClientInfoPush> _pushes = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly ConcurrentDictionary<string, HubCallback> _callbacks = new();

    // Registrations, tokens and party statuses change together; one lock keeps each change whole.
    private readonly Lock _gate = new();
    private readonly HashSet<string> _invitations = [];
    private readonly List<HubPlatform> _platforms = [];
    private readonly Dictionary<string, PartyState> _states = [];

    private TestHub(WebApplication app, string countryCode, string partyId)
    {
        _app = app;
        CountryCode = countryCode;
        PartyId = partyId;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Url { get; }

    public string VersionsUrl => Url + "/ocpi/versions";

    public string CountryCode { get; }

    public string PartyId { get; }

    /// <summary>The hub's own party, "CC*PID".</summary>
    public string Party => $"{CountryCode}*{PartyId}";

    /// <summary>How long a forwarded request may take before the caller gets 4002.</summary>
    public TimeSpan ForwardTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A hub without GET All via Hub: a GET addressed to the hub is answered 2001, naming the form it lacks.</summary>
    public bool RefusesGetAll { get; set; }

    /// <summary>GET All answers this many objects a page, with a <c>Link</c> to the next (null: everything in one page).</summary>
    public int? GetAllPageSize { get; set; }

    /// <summary>A GET All page from this offset on is answered HTTP 503 without an envelope: the hub is down half-way.</summary>
    public int? GetAllDownFromOffset { get; set; }

    public IReadOnlyList<HubForward> Forwards => _forwards.ToList();

    public IReadOnlyList<ClientInfoPush> ClientInfoPushes => _pushes.ToList();

    public static async Task<TestHub> StartAsync(string countryCode = "NL", string partyId = "HUB")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestHub? hub = null;
        app.Run(http => hub!.HandleAsync(http));
        await app.StartAsync();
        hub = new TestHub(app, countryCode, partyId);
        return hub;
    }

    /// <summary>A fresh token A for one platform to register with (valid until that registration completes).</summary>
    public string Invite()
    {
        var token = NewToken();
        lock (_gate) _invitations.Add(token);
        return token;
    }

    /// <summary>
    /// Sets the status of a registered party ("DE*MSP") and PUTs its ClientInfo, one per role, to every registered
    /// platform but its own. Completes when every PUT has been answered (or failed; see <see cref="ClientInfoPushes"/>).
    /// </summary>
    public async Task SetStatusAsync(string partyKey, string status)
    {
        if (!Statuses.Contains(status)) throw new ArgumentException($"'{status}' is not a ConnectionStatus", nameof(status));
        var key = KeyOf(partyKey) ?? throw new ArgumentException($"'{partyKey}' is not COUNTRY*PARTY", nameof(partyKey));
        List<(HubPlatform Target, HubRole Role)> pushes;
        PartyState state;
        lock (_gate)
        {
            var owner = _platforms.FirstOrDefault(p => p.Roles.Any(r => r.Key == key))
                ?? throw new InvalidOperationException($"No registered platform hosts {partyKey}");
            state = _states[key] = new PartyState(status, DateTime.UtcNow);
            pushes = [.. from target in _platforms where target.Id != owner.Id from role in owner.Roles where role.Key == key select (target, role)];
        }
        foreach (var (target, role) in pushes) await PushClientInfoAsync(target, role, state, _stopping.Token);
    }

    private static string NewToken() => "hub-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>"CC*PID" in key form, or null when it is not one.</summary>
    private static string? KeyOf(string party)
    {
        var parts = party.Split('*');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? Key(parts[0], parts[1]) : null;
    }

    private static string Key(string countryCode, string partyId) => $"{CiString.Key(countryCode)}*{CiString.Key(partyId)}";

    private string HubKey => Key(CountryCode, PartyId);

    /// <summary>Runs <paramref name="work"/> after the current request, awaited on dispose so no push outlives the hub.</summary>
    private void RunInBackground(Func<CancellationToken, Task> work)
    {
        var task = Task.Run(() => work(_stopping.Token));
        _background.TryAdd(task, 0);
        // A faulted one stays, so that DisposeAsync rethrows what went wrong instead of it passing unseen.
        _ = task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None,
            TaskContinuationOptions.NotOnFaulted, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        // Stopping the host first lets requests still being answered (and their OnCompleted fan-outs) finish.
        await _app.StopAsync();
        try
        {
            await Task.WhenAll(_background.Keys);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await _app.DisposeAsync();
            _http.Dispose();
            _stopping.Dispose();
        }
    }

    /// <summary>One (role, country, party) entry of a platform's credentials.</summary>
    private sealed record HubRole(string Role, string CountryCode, string PartyId)
    {
        public string Key => TestHub.Key(CountryCode, PartyId);

        public string Party => $"{CountryCode}*{PartyId}";
    }

    private sealed record HubEndpoint(string Module, string? Role, string Url);

    /// <summary>
    /// A registered platform: <see cref="TokenB"/> is what the hub calls it with, <see cref="TokenC"/> what it calls
    /// the hub with. Replaced whole on a credentials PUT; <see cref="Id"/> stays.
    /// </summary>
    private sealed record HubPlatform(string Id, string VersionsUrl, string TokenB, string TokenC, IReadOnlyList<HubRole> Roles,
        IReadOnlyList<HubEndpoint> Endpoints)
    {
        /// <summary>The endpoint of <paramref name="module"/> for <paramref name="role"/>; one listed without a role serves both.</summary>
        public string? Endpoint(string module, string role) =>
            Endpoints.FirstOrDefault(e => e.Module == module && e.Role == role)?.Url
            ?? Endpoints.FirstOrDefault(e => e.Module == module && e.Role is null)?.Url;
    }

    private sealed record PartyState(string Status, DateTime LastUpdated);

    /// <summary>Where an async result for a forwarded command or charging profile request really has to go.</summary>
    private sealed record HubCallback(string OriginalUrl, string CallerPlatformId, string? Sender, string Receiver);

    /// <summary>What a platform answered the hub; <see cref="Failure"/> is 4002 or 4003 when it answered nothing.</summary>
    private sealed record TargetAnswer(int? HttpStatus, byte[] Body, string? ContentType, IReadOnlyDictionary<string, string> Headers,
        JsonObject? Envelope, int? Failure, string? Error)
    {
        public int? OcpiStatus => Envelope?["status_code"] is JsonValue v && v.TryGetValue<int>(out var code) ? code : null;
    }
}
