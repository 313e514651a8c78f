using System.Diagnostics;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.Reliability.Rows;

/// <summary>
/// R6: two platform processes on one SQLite file (WAL), both serving the admin API and OCPI and both running the send
/// pumps, under R3's load with writes spread over both. Every push is sent by one node only: the pushes the peer took
/// equal the deliveries the database marks delivered (a delivery sent by both would show twice at the peer). Both nodes
/// answer with the same state, and a suspend made through one node is enforced by the other within the routing cache's
/// lifetime (2 s), a resume likewise.
/// </summary>
public static class TwoNodes
{
    public static async Task<RowResult> RunAsync(RowScale scale)
    {
        var row = new RowResult("R6", "Two nodes on one SQLite file");
        // Two processes share the SQLite file's one writer: the quick run is smaller than R3's.
        var (locations, evses, changes, cdrEvery) = scale == RowScale.Quick ? (2, 50, 500, 10) : PeerOutage.Size(scale);
        var db = Path.Combine(ProcessSetup.NewFolder("r6"), "shared.db");
        var settings = new Dictionary<string, string>(PeerOutage.DeliverySettings.Select(s => KeyValuePair.Create(s.Item1, s.Item2)));
        await using var peer = await RecordingPeer.StartAsync();
        await using var a = new ChildPlatform("node-a", db, settings);
        await using var b = new ChildPlatform("node-b", db, settings);
        await a.StartAsync();
        await b.StartAsync();
        var (connectionId, tokenC) = await ProcessSetup.HostAndRegisterAsync(a, peer);
        var load = new EvseLoad(locations, evses);
        await load.PublishAsync(b.Admin);
        await load.RunAsync(n => n % 2 == 0 ? a.Admin : b.Admin, changes, cdrEvery);
        var converged = await PeerOutage.Until(() => load.Wrong(peer.Latest()).Count == 0 && load.AckedCdrs.All(peer.Cdrs.ContainsKey), 300);
        // Let every delivery settle before counting them.
        await PeerOutage.Until(() => ProcessSetup.ScalarAsync(db, "SELECT COUNT(*) FROM deliveries WHERE state IN ('pending','sending')").Result == 0, 60);

        PeerOutage.Check(row, load, peer);
        if (!converged) await PeerOutage.ExplainAsync(row, a.Admin, db, a.Warnings.Concat(b.Warnings));
        row.Check(load.FailedWrites == 0, () => $"{load.FailedWrites} writes failed");
        var delivered = await ProcessSetup.ScalarAsync(db, "SELECT COALESCE(SUM(attempts), 0) FROM deliveries WHERE state = 'delivered'");
        var taken = Interlocked.Read(ref peer.Taken);
        row.Check(taken == delivered, () => $"the peer took {taken} pushes for {delivered} delivery attempts: {taken - delivered} sent twice");
        foreach (var node in new[] { a, b })
        {
            var held = await load.HeldByAsync(node.Admin);
            row.Check(load.Wrong(held).Count == 0, () => $"{node.Name} answers a wrong state for {load.Wrong(held).Count} EVSEs");
        }

        // A suspend through node A is enforced by node B within the routing cache's lifetime; a resume likewise.
        using var asPeer = new OcpiClient(tokenC);
        async Task<int?> CallB() => (await asPeer.SendAsync(HttpMethod.Get, b.Url + "/ocpi/2.2.1/sender/locations", from: "DE*REC", to: "NL*CPO")).StatusCode;
        row.Check(await CallB() == 1000, () => "node B does not answer the peer before the suspend");
        var suspendTimes = new List<double>();
        foreach (var (action, expect) in new[] { ("suspend", false), ("resume", true) })
        {
            var done = await a.Admin.PostAsJsonAsync($"/admin/connections/{connectionId}/{action}", new { reason = "reliability R6" });
            row.Check(done.IsSuccessStatusCode, () => $"{action} through node A answered {(int)done.StatusCode}");
            var watch = Stopwatch.StartNew();
            var seen = await PeerOutage.Until(() => (CallB().Result == 1000) == expect, 10);
            suspendTimes.Add(watch.Elapsed.TotalSeconds);
            row.Check(seen && watch.Elapsed < TimeSpan.FromSeconds(3), () => $"node B saw the {action} through node A after {watch.Elapsed.TotalSeconds:F1} s");
        }
        var integrity = await ProcessSetup.IntegrityAsync(db);
        row.Check(integrity == "ok", () => "integrity_check: " + integrity);
        row.Figures = $"{load.Changes:N0} changes to {load.Objects:N0} EVSEs and {load.AckedCdrs.Count} CDRs through both nodes; {taken:N0} pushes taken for {delivered:N0} "
            + $"delivery attempts ({taken - delivered} duplicates); suspend/resume through A seen by B after {string.Join(" / ", suspendTimes.Select(s => $"{s:F1} s"))}; "
            + (converged ? "all delivered" : "NOT converged") + (scale == RowScale.Full ? "" : $" ({scale} scale)");
        return row;
    }
}
