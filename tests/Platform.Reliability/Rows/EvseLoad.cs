using System.Collections.Concurrent;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.Reliability.Rows;

/// <summary>
/// The write load of the process rows: a hosted CPO NL*CPO with <c>locations × evsesPerLocation</c> EVSEs whose status
/// changes through the admin API (each EVSE written by one worker only, so the order of answers is the order of
/// commits), and CDRs recorded now and then. It remembers what was acknowledged, and what was tried since (a write whose
/// answer was lost to a crash may or may not have happened).
/// </summary>
public sealed class EvseLoad(int locations, int evsesPerLocation)
{
    private static readonly string[] Statuses = ["AVAILABLE", "CHARGING", "BLOCKED", "OUTOFORDER", "RESERVED", "INOPERATIVE"];
    private readonly ConcurrentDictionary<string, (string Acked, HashSet<string> TriedSince)> _evses = new();
    private readonly ConcurrentDictionary<string, bool> _cdrs = new();
    private int _changes, _failedWrites, _ackedWrites, _cdrSeq;

    public int Objects => locations * evsesPerLocation;
    public int Changes => _changes;
    public int FailedWrites => _failedWrites;
    public int AckedWrites => _ackedWrites;
    public IReadOnlyCollection<string> AckedCdrs => _cdrs.Where(c => c.Value).Select(c => c.Key).ToList();
    public IReadOnlyCollection<string> TriedCdrs => _cdrs.Keys.ToList();

    public static string Location(int l) => $"RL{l:D3}";

    /// <summary>PUTs every location with its EVSEs AVAILABLE.</summary>
    public async Task PublishAsync(HttpClient admin)
    {
        for (var l = 0; l < locations; l++)
        {
            var uids = Enumerable.Range(0, evsesPerLocation).Select(e => $"E{e:D3}").ToArray();
            var response = await admin.PutAsJsonAsync($"/admin/parties/NL/CPO/cpo/locations/{Location(l)}", Builders.Location("NL", "CPO", Location(l), uids));
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT location: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            foreach (var uid in uids) _evses[$"{Location(l)}/{uid}"] = ("AVAILABLE", []);
        }
    }

    /// <summary>
    /// <paramref name="changes"/> status changes by <paramref name="workers"/> workers, a CDR every <paramref name="cdrEvery"/>
    /// changes; <paramref name="admin"/> picks the node a write goes to. Write errors (a node being killed) are counted, not thrown.
    /// </summary>
    public async Task RunAsync(Func<int, HttpClient> admin, int changes, int cdrEvery, int workers = 4, CancellationToken ct = default)
    {
        var keys = _evses.Keys.Order(StringComparer.Ordinal).ToArray();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + 17);
            var mine = keys.Where((_, i) => i % workers == w).ToArray();
            while (!ct.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref _changes);
                if (n > changes)
                {
                    Interlocked.Decrement(ref _changes);
                    return;
                }
                var key = mine[random.Next(mine.Length)];
                var (acked, tried) = _evses[key];
                var status = Statuses.Where(s => s != acked).ElementAt(random.Next(Statuses.Length - 1));
                lock (tried) tried.Add(status);
                var (loc, uid) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
                if (await Send(admin(n), HttpMethod.Patch, $"/admin/parties/NL/CPO/cpo/locations/{loc}/{uid}", Builders.Status(status)))
                    _evses[key] = (status, []);
                if (n % cdrEvery == 0)
                {
                    var id = $"RC{Interlocked.Increment(ref _cdrSeq):D6}";
                    _cdrs[id] = false;
                    if (await Send(admin(n), HttpMethod.Post, "/admin/parties/NL/CPO/cpo/cdrs", Builders.Cdr("NL*CPO", id, "DE*REC"))) _cdrs[id] = true;
                }
            }
        }, CancellationToken.None)));
    }

    private async Task<bool> Send(HttpClient admin, HttpMethod method, string path, object body)
    {
        try
        {
            using var response = await admin.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) });
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref _ackedWrites);
                return true;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
        }
        Interlocked.Increment(ref _failedWrites);
        // A node being down refuses at once: do not spin.
        await Task.Delay(100);
        return false;
    }

    /// <summary>Whether <paramref name="status"/> may be an EVSE's state now: the last acknowledged, or one tried after it.</summary>
    public bool Allowed(string key, string? status)
    {
        var (acked, tried) = _evses[key];
        lock (tried) return status == acked || (status is not null && tried.Contains(status));
    }

    public IEnumerable<string> Keys => _evses.Keys;

    /// <summary>The EVSEs whose state in <paramref name="held"/> is not one they may have now.</summary>
    public List<string> Wrong(IReadOnlyDictionary<string, string> held) =>
        _evses.Keys.Where(k => !Allowed(k, held.GetValueOrDefault(k))).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Checks that the CPO itself holds a state each EVSE may have now (R3, R4): a write it acknowledged and lost would
    /// otherwise look like a push that never arrived.
    /// </summary>
    public async Task CheckHeldByAsync(RowResult row, HttpClient admin)
    {
        var held = await HeldByAsync(admin);
        var wrong = Wrong(held).ToHashSet();
        foreach (var key in Keys)
            row.Check(!wrong.Contains(key), () => $"acknowledged write lost at the CPO: {key} is {held.GetValueOrDefault(key)}");
    }

    /// <summary>What the CPO itself holds now, read back through its admin API.</summary>
    public async Task<Dictionary<string, string>> HeldByAsync(HttpClient admin)
    {
        var held = new Dictionary<string, string>();
        for (var l = 0; l < locations; l++)
        {
            var location = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync($"/admin/parties/NL/CPO/cpo/locations/{Location(l)}"))!;
            foreach (var evse in location["evses"]!.AsArray()) held[$"{Location(l)}/{(string)evse!["uid"]!}"] = (string)evse["status"]!;
        }
        return held;
    }
}
