using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Platform.Benchmarks;

/// <summary>
/// P3: one EVSE status change of a CPO pushed to N peers through the real path (back-office PATCH → outbox row in the
/// change's transaction → dispatch job → one delivery per peer → push jobs → PATCH to each peer), timed from the change
/// until all N deliveries are delivered (each peer answered 1000, which it gives after its commit), against the same
/// N PATCHes sent one after the other from a plain HttpClient loop. The peers: one eMSP platform hosting N eMSPs,
/// each registered with the CPO platform as a connection of its own (one receiver, N registrations).
/// </summary>
public static class PushFanOutBenchmark
{
    public const double TargetRatio = 1.5;
    private const string Evse = "EVSE1";
    private static readonly string[] Statuses = ["CHARGING", "AVAILABLE", "BLOCKED", "OUTOFORDER"];

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"P3: setting up a CPO platform and an eMSP platform hosting {options.Peers} eMSPs, each its own connection...");
        await using var cpo = await BenchPlatform.StartAsync("p3-cpo", options);
        await using var emsp = await BenchPlatform.StartAsync("p3-emsp", options);
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        var peers = new List<(string Party, string Token)>();
        for (var i = 0; i < options.Peers; i++)
        {
            var party = $"M{i:00}";
            await emsp.CreatePartyAsync("DE", party, "EMSP");
            var (_, cpoConnection) = await BenchPlatform.ConnectAsync(emsp, [$"DE*{party}"], cpo, ["NL*CPO"]);
            peers.Add((party, await cpo.HeldTokenAsync(cpoConnection)));
        }

        await using var db = new SqliteConnection($"Data Source={cpo.DatabaseFile}");
        await db.OpenAsync();
        await db.ExecuteAsync("PRAGMA busy_timeout = 10000;");
        // The location first (N PUT deliveries), so each timed change is one status PATCH of one EVSE.
        var before = await LastDeliveryAsync(db);
        var put = await cpo.Admin.PutAsJsonAsync("/admin/parties/NL/CPO/cpo/locations/LOC1", Location());
        await BenchPlatform.EnsureAsync(put, "PUT of the location");
        await WaitDeliveredAsync(db, before, options.Peers, TimeSpan.FromSeconds(120));

        using var http = LoadRunner.CreateClient(1);
        var receiverUrl = $"{emsp.Url}/ocpi/2.2.1/receiver/locations/NL/CPO/LOC1/{Evse}";
        var round = 0;

        // One change pushed, then the same PATCHes from the loop: the time of each.
        async Task<(double Pushed, double Looped)> RoundAsync()
        {
            var status = Statuses[round++ % Statuses.Length];
            var before = await LastDeliveryAsync(db);
            var started = Stopwatch.GetTimestamp();
            var patch = await cpo.Admin.PatchAsJsonAsync($"/admin/parties/NL/CPO/cpo/locations/LOC1/{Evse}", new { status, last_updated = Now() });
            await BenchPlatform.EnsureAsync(patch, "Back-office PATCH of the EVSE");
            await WaitDeliveredAsync(db, before, options.Peers, TimeSpan.FromSeconds(120));
            var pushed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            started = Stopwatch.GetTimestamp();
            foreach (var (party, token) in peers)
            {
                using var request = BenchRequests.FromCpo(HttpMethod.Patch, receiverUrl, token, party, $$"""{"status":"{{status}}","last_updated":"{{Now()}}"}""");
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || !body.Contains("\"status_code\":1000", StringComparison.Ordinal))
                    throw new InvalidOperationException($"Loop PATCH to DE*{party} answered {(int)response.StatusCode}: {body}");
            }
            return (pushed, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        // Untimed rounds until the JIT has settled, as P1 warms up: one round left the push path (outbox, dispatch, pushes,
        // peer calls) running code not yet optimised while the loop's path, the receiver's, was already hot from the
        // setup, and the JIT's own thread took a good part of a core during the timed rounds.
        var warmed = await WarmAsync(RoundAsync, options.Smoke ? 0 : options.Quick ? 10 : 30);
        Console.WriteLine("P3: " + warmed);
        var pipeline = new List<double>();
        var loop = new List<double>();
        for (var i = 0; i < options.Rounds; i++)
        {
            var (pushed, looped) = await RoundAsync();
            pipeline.Add(pushed);
            loop.Add(looped);
        }

        var (pushMedian, loopMedian) = (Median(pipeline), Median(loop));
        var ratio = pushMedian / loopMedian;
        var table = Report.Table(
            $"P3 one EVSE status change pushed to {options.Peers} peers (one eMSP platform, {options.Peers} registrations), {options.Rounds} rounds; {warmed}",
            ["path", "median ms", "min ms", "max ms", "ratio (median)"],
            [
                ["plain HttpClient loop, the same PATCHes one after the other (baseline)", F(loopMedian), F(loop.Min()), F(loop.Max()), "1.00"],
                ["change → outbox → dispatch → deliveries → push jobs, until all delivered", F(pushMedian), F(pipeline.Min()), F(pipeline.Max()), ratio.ToString("0.00", CultureInfo.InvariantCulture)],
            ]);
        var row = new SummaryRow("P3", $"one EVSE change pushed to {options.Peers} peers through outbox → delivery → job vs a plain HttpClient loop",
            $"<= {TargetRatio:0.0}x", F(loopMedian) + " ms", F(pushMedian) + " ms", ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x", ratio <= TargetRatio,
            options.Quick || options.Smoke ? $"{options.Mode}: median of {options.Rounds}" : null);
        return new BenchResult(table, [row]);
    }

    /// <summary>Rounds, untimed, a second at a time until the JIT settles (<see cref="LoadRunner.UntilJitSettlesAsync"/>); at least one.</summary>
    private static async Task<string> WarmAsync(Func<Task<(double, double)>> round, double longest)
    {
        var (seconds, rate) = await LoadRunner.UntilJitSettlesAsync(async () =>
        {
            var from = Stopwatch.GetTimestamp();
            do await round();
            while (Stopwatch.GetElapsedTime(from).TotalSeconds < Math.Min(1, longest));
        }, atLeast: 0, longest);
        return string.Create(CultureInfo.InvariantCulture, $"warmed {seconds:0.#} s; the JIT compiled {rate:0} methods/s in the last second of it");
    }

    private static Task<long> LastDeliveryAsync(SqliteConnection db) => db.ExecuteScalarAsync<long>("SELECT COALESCE(MAX(id), 0) FROM deliveries");

    /// <summary>Polls the CPO's deliveries until <paramref name="count"/> made after <paramref name="after"/> are delivered.</summary>
    private static async Task WaitDeliveredAsync(SqliteConnection db, long after, int count, TimeSpan timeout)
    {
        var until = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var delivered = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM deliveries WHERE id > @After AND state = 'delivered'", new { After = after });
            if (delivered >= count) return;
            if (Stopwatch.GetTimestamp() > until)
            {
                var states = await db.QueryAsync<(string State, long Count, string? Error)>(
                    "SELECT state, COUNT(*), MAX(last_error) FROM deliveries WHERE id > @After GROUP BY state", new { After = after });
                throw new TimeoutException($"{delivered} of {count} deliveries delivered in {timeout.TotalSeconds} s: "
                    + string.Join("; ", states.Select(s => $"{s.State} {s.Count} ({s.Error})")));
            }
            await Task.Delay(2);
        }
    }

    private static object Location() => new
    {
        country_code = "NL", party_id = "CPO", id = "LOC1", publish = true, name = "Location LOC1", address = "Stationsplein 1", city = "Utrecht",
        postal_code = "3511 ED", country = "NLD", coordinates = new { latitude = "52.090100", longitude = "5.109600" },
        evses = new[]
        {
            new
            {
                uid = Evse, evse_id = "NL*CPO*E1", status = "AVAILABLE",
                connectors = new[] { new { id = "1", standard = "IEC_62196_T2", format = "SOCKET", power_type = "AC_3_PHASE", max_voltage = 230, max_amperage = 16, last_updated = Now() } },
                last_updated = Now(),
            },
        },
        time_zone = "Europe/Amsterdam", last_updated = Now(),
    };

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
