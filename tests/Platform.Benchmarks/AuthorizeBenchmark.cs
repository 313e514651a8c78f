using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Platform.Benchmarks;

/// <summary>
/// P4: real-time authorization (a CPO POSTs <c>/sender/tokens/{uid}/authorize</c> to a hosted eMSP) through the whole
/// pipeline, against a bare endpoint answering the same envelope in the same run: requests/s at full load (closed
/// loop, as P1), and latency at a fixed 500 requests/s (open loop: requests leave on a schedule whatever the answers
/// do, so a slow answer cannot hide later ones). Targets: the pipeline's p99 at 500 requests/s at most 1.5× bare's, and its
/// closed-loop requests/s at least half of bare's.
/// </summary>
public static class AuthorizeBenchmark
{
    /// <summary>Pipeline p99 against bare p99 at the same fixed rate.</summary>
    public const double TargetP99Ratio = 1.5;

    /// <summary>Closed loop: pipeline requests/s against bare.</summary>
    public const double TargetClosedRatio = 0.50;

    /// <summary>The open loop's measured seconds in a quick run (not a smoke run).</summary>
    private const double QuickOpenLoopSeconds = 10;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        Console.WriteLine("P4: setting up a CPO platform (NL*CPO) and an eMSP platform (DE*MSP) with 100 tokens...");
        await using var cpo = await BenchPlatform.StartAsync("p4-cpo", options);
        await using var emsp = await BenchPlatform.StartAsync("p4-emsp", options);
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        var (_, cpoConnection) = await BenchPlatform.ConnectAsync(emsp, ["DE*MSP"], cpo, ["NL*CPO"]);
        var token = await cpo.HeldTokenAsync(cpoConnection);
        var uids = Enumerable.Range(1, 100).Select(i => $"RFID{i:0000}").ToArray();
        foreach (var uid in uids)
        {
            var put = await emsp.Admin.PutAsJsonAsync($"/admin/parties/DE/MSP/emsp/tokens/{uid}?type=RFID", new
            {
                country_code = "DE", party_id = "MSP", uid, type = "RFID", contract_id = $"DE-MSP-{uid}", issuer = "MSP", valid = true,
                whitelist = "NEVER", last_updated = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
            put.EnsureSuccessStatusCode();
        }

        using var http = LoadRunner.CreateClient(options.Workers);
        var url = $"{emsp.Url}/ocpi/2.2.1/sender/tokens";
        using var first = await http.SendAsync(Request(url, token, uids));
        var envelope = await first.Content.ReadAsByteArrayAsync();
        if (!Encoding.UTF8.GetString(envelope).Contains("\"status_code\":1000", StringComparison.Ordinal))
            throw new InvalidOperationException($"First authorize answered {(int)first.StatusCode}: {Encoding.UTF8.GetString(envelope)}");

        await using var bare = await BareAuthorize.StartAsync(envelope);
        var bareUrl = $"{bare.Url}/ocpi/2.2.1/sender/tokens";
        var targets = new (string Name, Func<HttpRequestMessage> Make)[]
        {
            ("bare minimal API, same envelope (baseline)", () => Request(bareUrl, token, uids)),
            ("full pipeline: real-time authorize", () => Request(url, token, uids)),
        };

        var warmed = await LoadRunner.WarmAsync(http, targets.Select(t => t.Make).ToList(), options, longest: options.Smoke ? 2 : options.Quick ? 15 : 30);
        Console.WriteLine("P4: " + warmed);
        // In turns, as P1: the host's speed drifts over seconds, and a target measured whole after the other met another machine.
        var closed = await LoadRunner.RunInTurnsAsync(targets, http, options, announce: $"P4: closed loop, {options.Workers} workers: ");
        // Both targets in one window, so a quick run can give it 10 s (5,000 answers each at 500/s, a p99 the 50th
        // slowest) in less time than two windows of 3 s took in turns.
        var openWindow = options.Quick ? options with { DurationSeconds = Math.Max(options.DurationSeconds, QuickOpenLoopSeconds) } : options;
        Console.WriteLine($"P4: open loop, each target at {options.Rate}/s, interleaved...");
        var (open, late) = await FixedRateAsync(targets, http, openWindow);

        var full = open[1];
        var p99 = full.PercentileMs(99);
        var bareP99 = open[0].PercentileMs(99);
        var p99Ratio = p99 / bareP99;
        var closedRatio = closed[1].RequestsPerSecond / closed[0].RequestsPerSecond;
        var met = p99Ratio <= TargetP99Ratio && closedRatio >= TargetClosedRatio && full.Errors == 0 && closed[1].Errors == 0 && full.Requests > 0;
        var verdict = string.Create(CultureInfo.InvariantCulture,
            $"Target p99 <= {TargetP99Ratio}x bare at {options.Rate}/s and closed loop >= {TargetClosedRatio:P0} of bare: {(met ? "MET" : "NOT MET")} "
            + $"(p99 {p99:0.00} vs {bareP99:0.00} ms = {p99Ratio:0.00}x, {full.RequestsPerSecond:0} answered/s; closed loop {closedRatio:P1}); "
            + $"the fixed-rate sends left {LoadResult.PercentileMs(late, 50):0.000} ms late at the median, "
            + $"{LoadResult.PercentileMs(late, 99):0.000} ms at p99, {LoadResult.PercentileMs(late, 100):0.000} ms at most");
        var row = new SummaryRow("P4", $"real-time authorize: p99 at a fixed {options.Rate}/s vs bare; closed loop vs bare",
            $"p99 <= {TargetP99Ratio}x bare; closed >= {TargetClosedRatio:P0}",
            string.Create(CultureInfo.InvariantCulture, $"p99 {bareP99:0.00} ms; {closed[0].RequestsPerSecond:0} req/s"),
            string.Create(CultureInfo.InvariantCulture, $"p99 {p99:0.00} ms; {closed[1].RequestsPerSecond:0} req/s (CPU/req ratio {closed[0].CpuMsPerRequest / closed[1].CpuMsPerRequest:0.00})"),
            string.Create(CultureInfo.InvariantCulture, $"{p99Ratio:0.00}x; {closedRatio:0.00}"), met,
            options.Quick || options.Smoke ? $"{options.Mode}: {options.DurationSeconds:0.#} s per target closed in {LoadRunner.Turns(options)} turns, {openWindow.DurationSeconds:0.#} s open" : null);
        return new BenchResult(
            Report.LoadTable($"P4 real-time authorize, closed loop: {options.Workers} workers, {options.DurationSeconds:0.#} s in {LoadRunner.Turns(options)} turns (each after {options.WarmupSeconds:0.#} s warm-up); {warmed}", closed)
            + Report.LoadTable($"P4 real-time authorize, open loop: each target at {options.Rate} requests/s, interleaved, for {openWindow.DurationSeconds:0.#} s after {options.WarmupSeconds:0.#} s warm-up", open)
            + verdict + Environment.NewLine, [row]);
    }

    /// <summary>What a CPO platform sends: its token, fresh ids, both parties' routing headers, and LocationReferences.</summary>
    private static HttpRequestMessage Request(string tokensUrl, string token, string[] uids) =>
        BenchRequests.FromCpo(HttpMethod.Post, $"{tokensUrl}/{uids[Random.Shared.Next(uids.Length)]}/authorize?type=RFID", token, "MSP",
            """{"location_id":"LOC1","evse_uids":["EVSE1"]}""");

    /// <summary>
    /// Sends to every target at the same fixed rate, their requests interleaved (in each round of one interval, the
    /// targets' requests leave 1/n of an interval apart, in an order drawn for the round), for the warm-up and then the
    /// measured window. Latency is measured from each request's scheduled start, so a late send counts against the target
    /// that made it late. Also returns how late each measured send left, in <see cref="Stopwatch"/> ticks, sorted.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The sends leave from a thread of their own that sleeps until each one's moment. The loop of <c>Task.Delay</c> on
    /// the pool it replaced woke 1.3 ms late at the median and up to 6.6 ms at p99: that lateness, not the answers
    /// (0.8–1.2 ms at p99), decided both targets' p99.
    /// </para>
    /// <para>
    /// Interleaved, not in turns: this machine stalls for milliseconds now and then (a kernel thread held a core for
    /// 11 ms), and at 500/s a p99 of a few thousand answers is decided by how many answers a few stalls catch. Measured
    /// in turns, bare and the pipeline met different stalls, and the ratio of their p99s ran from 0.29x to 3.84x;
    /// interleaved, both meet the same ones.
    /// </para>
    /// <para>
    /// In a random order within each round, not target 0 then target 1: a kernel thread here (<c>kdamond</c>) takes a
    /// core for about a millisecond every 512 ms, a whole number of 2 ms rounds. In a fixed order it met the same
    /// target's requests all run long, 20 of its 5,000 answers in 10 s: enough to move that target's p99, whichever it
    /// was. Drawn at random, each target meets it half the time. Each still gets one request per interval, leaving at
    /// most 1/n of an interval earlier or later than in a fixed order.
    /// </para>
    /// </remarks>
    private static async Task<(List<LoadResult> Results, long[] Lateness)> FixedRateAsync(
        IReadOnlyList<(string Name, Func<HttpRequestMessage> Make)> targets, HttpClient http, BenchOptions options)
    {
        var interval = Stopwatch.Frequency / (double)options.Rate;
        var start = Stopwatch.GetTimestamp();
        var warmupEnds = start + (long)(options.WarmupSeconds * Stopwatch.Frequency);
        var ends = warmupEnds + (long)(options.DurationSeconds * Stopwatch.Frequency);
        var pending = targets.Select(_ => new List<Task<(long Scheduled, long Done, string? Error)>>()).ToList();
        var lateness = new List<long>();
        // Which target takes which place in each round is drawn afresh (seeded, so runs are alike): in a fixed order a
        // machine event whose period is a multiple of the interval hits the same target every time (below).
        var order = Enumerable.Range(0, targets.Count).ToArray();
        var draw = new Random(20261205);
        // LongRunning: a thread of its own, not one of the pool's.
        await Task.Factory.StartNew(() =>
        {
            Thread.CurrentThread.Name = "P4 fixed-rate sender";
            for (long i = 0; ; i++)
            {
                if (i % targets.Count == 0) draw.Shuffle(order);
                var target = order[i % targets.Count];
                var scheduled = start + (long)(i * interval / targets.Count);
                if (scheduled >= ends) break;
                SleepUntil(scheduled);
                if (scheduled >= warmupEnds) lateness.Add(Stopwatch.GetTimestamp() - scheduled);
                pending[target].Add(SendAsync(http, targets[target].Make, scheduled));
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var results = new List<LoadResult>();
        for (var t = 0; t < targets.Count; t++)
        {
            var outcomes = await Task.WhenAll(pending[t]);
            var measured = outcomes.Where(o => o.Scheduled >= warmupEnds).ToList();
            var latencies = measured.Where(o => o.Error is null).Select(o => o.Done - o.Scheduled).Order().ToArray();
            results.Add(new LoadResult($"{targets[t].Name} at {options.Rate}/s", latencies.Length, measured.Count(o => o.Error is not null),
                options.DurationSeconds, latencies, measured.Select(o => o.Error).FirstOrDefault(e => e is not null), 0));
        }
        return (results, lateness.Order().ToArray());
    }

    // usleep, not Thread.Sleep: .NET rounds a sleep to whole milliseconds, which is half the interval at 500/s.
    private static void SleepUntil(long timestamp)
    {
        while (true)
        {
            var micros = (timestamp - Stopwatch.GetTimestamp()) * 1_000_000 / Stopwatch.Frequency;
            if (micros <= 0) return;
            if (OperatingSystem.IsLinux()) usleep((uint)micros);
            else Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, micros * 10)));
        }
    }

    [DllImport("libc")]
    private static extern int usleep(uint microseconds);

    private static async Task<(long, long, string?)> SendAsync(HttpClient http, Func<HttpRequestMessage> make, long scheduled)
    {
        try
        {
            using var request = make();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return (scheduled, Stopwatch.GetTimestamp(),
                response.StatusCode == HttpStatusCode.OK && body.Contains("\"status_code\":1000", StringComparison.Ordinal) ? null : $"HTTP {(int)response.StatusCode}: {body}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (scheduled, Stopwatch.GetTimestamp(), e.Message);
        }
    }

    /// <summary>The P4 baseline: the authorize route answering the same envelope bytes, nothing else.</summary>
    private sealed class BareAuthorize : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private BareAuthorize(WebApplication app)
        {
            _app = app;
            Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }

        public string Url { get; }

        public static async Task<BareAuthorize> StartAsync(byte[] envelope)
        {
            var app = BareApp.CreateBuilder("http://127.0.0.1:0").Build();
            app.MapPost("/ocpi/2.2.1/sender/tokens/{uid}/authorize", () => Results.Bytes(envelope, "application/json"));
            await app.StartAsync();
            return new BareAuthorize(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
