using System.Diagnostics;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.Reliability.Rows;

/// <summary>
/// R3: a hosted CPO keeps changing EVSE statuses and recording CDRs while its eMSP peer refuses connections, then answers
/// 500, then hangs, then comes back. Afterwards the peer holds the last acknowledged state of every EVSE, never took an
/// older state after a newer one, and took every CDR exactly once.
/// </summary>
public static class PeerOutage
{
    /// <summary>Deliveries retry every 2 s at most here (the default backs off to 60 s) and do not give up during the outage.</summary>
    public static readonly (string, string)[] DeliverySettings = [("Deliveries:MaxBackoffSeconds", "2"), ("Deliveries:MaxAttempts", "1000")];

    public static (int Locations, int Evses, int Changes, int CdrEvery) Size(RowScale scale) => scale switch
    {
        RowScale.Full => (10, 100, 10_000, 20),
        RowScale.Quick => (4, 50, 800, 10),
        _ => (2, 10, 150, 10),
    };

    public static async Task<RowResult> RunAsync(RowScale scale)
    {
        var row = new RowResult("R3", "Peer outage: refusing, 500, hanging, back");
        var (locations, evses, changes, cdrEvery) = Size(scale);
        await using var peer = await RecordingPeer.StartAsync();
        await using var cpo = await PlatformInstance.StartAsync(Tenants.Setup(DeliverySettings));
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await Tenants.RegisterAsync(cpo, peer.Fake, "NL*CPO");
        var load = new EvseLoad(locations, evses);
        await load.PublishAsync(cpo.Admin);
        row.Check(await Until(() => peer.Latest().Count == load.Objects, 120), () => "the peer never took the first publication of every EVSE");

        await peer.SetModeAsync(RecordingPeer.Mode.Refusing);
        var writing = load.RunAsync(_ => cpo.Admin, changes, cdrEvery);
        foreach (var (share, mode) in new[] { (1, RecordingPeer.Mode.Failing), (2, RecordingPeer.Mode.Hanging) })
        {
            await Until(() => load.Changes >= changes * share / 3 || writing.IsCompleted, 600);
            await peer.SetModeAsync(mode);
        }
        await writing;
        // Give the hanging phase its time to hold pushes even when the writes outran it.
        await Task.Delay(3000);
        await peer.SetModeAsync(RecordingPeer.Mode.Up);
        var back = Stopwatch.StartNew();
        var converged = await Until(() => load.Wrong(peer.Latest()).Count == 0 && load.AckedCdrs.All(peer.Cdrs.ContainsKey), 300);

        await load.CheckHeldByAsync(row, cpo.Admin);
        Check(row, load, peer);
        if (!converged) await ExplainAsync(row, cpo);
        row.Check(load.FailedWrites == 0, () => $"{load.FailedWrites} writes to the CPO failed");
        row.Figures = $"{load.Changes:N0} changes to {load.Objects:N0} EVSEs and {load.AckedCdrs.Count} CDRs while the peer refused, failed and hung; "
            + $"{peer.Taken:N0} pushes taken; {(converged ? $"all delivered {back.Elapsed.TotalSeconds:F0} s after it came back" : "NOT converged")}"
            + (scale == RowScale.Full ? "" : $" ({scale} scale; the full run makes 10,000 changes to 1,000 EVSEs)");
        return row;
    }

    /// <summary>The checks R3 and R6 share: latest state of every EVSE at the peer, never older after newer, CDRs once.</summary>
    public static void Check(RowResult row, EvseLoad load, RecordingPeer peer)
    {
        var latest = peer.Latest();
        var wrong = load.Wrong(latest).ToHashSet();
        var older = peer.OlderAfterNewer().ToHashSet();
        foreach (var key in load.Keys)
        {
            row.Check(!wrong.Contains(key), () => $"the peer holds {latest.GetValueOrDefault(key) ?? "nothing"} for {key}, not the last acknowledged state");
            row.Check(!older.Contains(key), () => $"the peer took an older state of {key} after a newer one");
        }
        foreach (var cdr in load.AckedCdrs)
            row.Check(peer.Cdrs.GetValueOrDefault(cdr) == 1, () => $"CDR {cdr} taken {peer.Cdrs.GetValueOrDefault(cdr)} times");
    }

    /// <summary>
    /// What the CPO still holds undelivered, what its database holds, and what it logged above Information, so that a row
    /// that did not converge says where the pushes stopped (R3 found a lost push this way, in about 1 of 100 runs).
    /// </summary>
    public static Task ExplainAsync(RowResult row, PlatformInstance cpo) => ExplainAsync(row, cpo.Admin, cpo.DatabaseFile, cpo.Log.Warnings);

    /// <summary>The same for a CPO in child processes (R4, R6): its admin API, its database file, the warnings of its logs.</summary>
    public static async Task ExplainAsync(RowResult row, HttpClient admin, string databaseFile, IEnumerable<string> warnings)
    {
        foreach (var state in new[] { "sending", "pending" })
        {
            var listed = System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync($"/admin/deliveries?state={state}&limit=5"))!.AsArray();
            foreach (var d in listed.OfType<System.Text.Json.Nodes.JsonObject>())
                row.Notes.Add($"{state} at {DateTime.UtcNow:HH:mm:ss}: delivery {d["id"]} {d["module"]} {d["object_id"]} {d["operation"]}, "
                    + $"{d["attempts"]} attempts, next {d["next_attempt_at"]}, updated {d["updated_at"]}, last error {d["last_error"]}");
        }
        // Read from the file itself, past the platform's object cache: a stale cache and a lost write look alike through the API.
        await using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile};Pooling=False;Mode=ReadOnly"))
        {
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT object_id, document FROM ocpi_objects WHERE module = 'locations' AND side = 'own' ORDER BY object_id";
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                var evses = System.Text.Json.Nodes.JsonNode.Parse(rows.GetString(1))!["evses"]!.AsArray();
                row.Notes.Add($"the CPO's database holds {rows.GetString(0)}: "
                    + string.Join(", ", evses.Select(e => $"{e!["uid"]} {e["status"]}")));
            }
        }
        foreach (var line in warnings.TakeLast(10))
            row.Notes.Add("CPO log: " + (line.Length > 400 ? line[..400] : line));
    }

    public static async Task<bool> Until(Func<bool> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (condition()) return true;
            await Task.Delay(200);
        }
        return condition();
    }
}
