using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.Reliability.Rows;

/// <summary>
/// An eMSP peer (DE*REC) on a fixed 127.0.0.1 port that records every EVSE state and CDR it takes, and can be down in the
/// three ways a peer goes down: refusing connections (nothing listens), answering 500, or hanging (holding each request
/// until it is back, then failing it). What it answers with an error it does not take.
/// </summary>
public sealed class RecordingPeer : IAsyncDisposable
{
    public enum Mode { Up, Refusing, Failing, Hanging }

    private readonly ConcurrentDictionary<string, List<(string Status, string LastUpdated)>> _evses = new();
    private readonly ConcurrentDictionary<string, int> _cdrs = new();
    private readonly ConcurrentDictionary<string, List<DateTime>> _cdrTimes = new();
    private FakePeer? _peer;
    private volatile TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Mode _mode = Mode.Up;

    private RecordingPeer(int port) => Port = port;

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public FakePeer Fake => _peer ?? throw new InvalidOperationException("the peer is refusing connections");
    public Mode Current => _mode;

    /// <summary>Every EVSE state taken, in the order taken, by "location/evse".</summary>
    public IReadOnlyDictionary<string, List<(string Status, string LastUpdated)>> Evses => _evses;

    /// <summary>How many times each CDR was taken (answered 2xx).</summary>
    public IReadOnlyDictionary<string, int> Cdrs => _cdrs;

    /// <summary>When each CDR was taken, oldest first.</summary>
    public IReadOnlyDictionary<string, List<DateTime>> CdrTimes => _cdrTimes;

    /// <summary>Pushes taken (everything but GETs, the credentials exchange and refused requests).</summary>
    public long Taken;

    public static async Task<RecordingPeer> StartAsync()
    {
        var peer = new RecordingPeer(ChildPlatform.FreePort());
        await peer.ListenAsync();
        return peer;
    }

    private async Task ListenAsync()
    {
        var fake = await FakePeer.StartAsync(Port);
        fake.Party = ("EMSP", "DE", "REC");
        fake.Modules.Clear();
        fake.Modules.AddRange([("credentials", "SENDER"), ("locations", "RECEIVER"), ("cdrs", "RECEIVER"), ("sessions", "RECEIVER"), ("tariffs", "RECEIVER")]);
        var held = new ConcurrentDictionary<FakePeerRequest, bool>(ReferenceEqualityComparer.Instance);
        fake.BeforeAnswer = async r =>
        {
            // The release before the mode: SetModeAsync changes the mode before it completes and replaces the release, so
            // a request that still finds the peer hanging holds one that leaving Hanging completes (read the other way
            // round, it could wait on the next one, held until the peer is disposed).
            var release = _release;
            if (_mode != Mode.Hanging || !IsPush(r)) return;
            held[r] = true;
            await release.Task;
        };
        fake.Answer = r =>
        {
            if (held.TryRemove(r, out _) || _mode == Mode.Failing) return (500, null, 3000);
            if (r.Method == "GET") return (200, new JsonArray(), 1000);
            Take(r);
            return (r.Method == "POST" ? 201 : 200, null, 1000);
        };
        _peer = fake;
    }

    private static bool IsPush(FakePeerRequest r) => r.Method != "GET" && !r.Path.EndsWith("/credentials", StringComparison.Ordinal);

    private void Take(FakePeerRequest r)
    {
        Interlocked.Increment(ref Taken);
        var segments = r.Path.Trim('/').Split('/');
        // /ocpi/2.2.1/{module}/...
        if (segments.Length < 3) return;
        if (segments[2] == "cdrs" && r.Method == "POST" && (string?)r.Body?["id"] is { } cdr)
        {
            _cdrs.AddOrUpdate(cdr, 1, (_, n) => n + 1);
            var times = _cdrTimes.GetOrAdd(cdr, _ => []);
            lock (times) times.Add(DateTime.UtcNow);
            return;
        }
        if (segments[2] != "locations" || r.Body is not JsonObject body) return;
        if (segments.Length == 7) Record($"{segments[5]}/{segments[6]}", body);
        else if (segments.Length == 6 && body["evses"] is JsonArray evses)
            foreach (var evse in evses.OfType<JsonObject>()) Record($"{segments[5]}/{(string?)evse["uid"]}", evse);
    }

    private void Record(string key, JsonObject state)
    {
        if ((string?)state["status"] is not { } status) return;
        var list = _evses.GetOrAdd(key, _ => []);
        lock (list) list.Add((status, (string?)state["last_updated"] ?? ""));
    }

    /// <summary>The last state taken of each EVSE.</summary>
    public Dictionary<string, string> Latest() => _evses.ToDictionary(e => e.Key, e => { lock (e.Value) return e.Value[^1].Status; });

    /// <summary>EVSEs that were given an older state after a newer one (by last_updated).</summary>
    public List<string> OlderAfterNewer() => _evses.Where(e =>
    {
        // Compared as instants: the platform writes 12:00:41Z for 12:00:41.000Z, which sorts after 12:00:41.5Z as text.
        lock (e.Value) return e.Value.Zip(e.Value.Skip(1)).Any(p => Instant(p.Second.LastUpdated) < Instant(p.First.LastUpdated));
    }).Select(e => e.Key).ToList();

    private static DateTime Instant(string text) =>
        DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out var at) ? at : DateTime.MinValue;

    public async Task SetModeAsync(Mode mode)
    {
        if (mode == _mode) return;
        var was = _mode;
        _mode = mode;
        if (was == Mode.Hanging)
        {
            _release.TrySetResult();
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        if (mode == Mode.Refusing && _peer is not null)
        {
            await _peer.DisposeAsync();
            _peer = null;
        }
        if (was == Mode.Refusing) await ListenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        if (_peer is not null) await _peer.DisposeAsync();
    }
}
