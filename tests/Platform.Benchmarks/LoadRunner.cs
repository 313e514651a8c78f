using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;

namespace Platform.Benchmarks;

/// <summary>What one target did during the measured window.</summary>
public sealed record LoadResult(string Name, long Requests, long Errors, double Seconds, long[] SortedLatencyTicks, string? FirstError,
    double CpuPercent, long AllocatedBytes = 0)
{
    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>
    /// The process's CPU time per answer (client and server together, all in this process). Less moved than req/s by
    /// other work on the machine, which takes cores away but adds little CPU to each request.
    /// </summary>
    public double CpuMsPerRequest => CpuPercent / 100 * Environment.ProcessorCount * Seconds * 1000 / Requests;

    /// <summary>Bytes the process allocated per answer over the window (client and server together), a cause of GC time.</summary>
    public double KilobytesPerRequest => AllocatedBytes / 1024.0 / Requests;

    /// <summary>Windows of one target taken in turns with others, as one result (their requests and seconds added).</summary>
    public static LoadResult Merge(IReadOnlyList<LoadResult> windows)
    {
        var latencies = windows.SelectMany(w => w.SortedLatencyTicks).ToArray();
        Array.Sort(latencies);
        var seconds = windows.Sum(w => w.Seconds);
        return new LoadResult(windows[0].Name, windows.Sum(w => w.Requests), windows.Sum(w => w.Errors), seconds, latencies,
            windows.Select(w => w.FirstError).FirstOrDefault(e => e is not null),
            windows.Sum(w => w.CpuPercent * w.Seconds) / seconds, windows.Sum(w => w.AllocatedBytes));
    }

    /// <summary>Nearest-rank percentile of successful requests' latency, in milliseconds.</summary>
    public double PercentileMs(double percentile) => PercentileMs(SortedLatencyTicks, percentile);

    /// <summary>Nearest-rank percentile of sorted <see cref="Stopwatch"/> ticks, in milliseconds.</summary>
    public static double PercentileMs(IReadOnlyList<long> sortedTicks, double percentile)
    {
        if (sortedTicks.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100 * sortedTicks.Count);
        return sortedTicks[Math.Clamp(rank - 1, 0, sortedTicks.Count - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>
/// Closed-loop load: N workers each send one request, await the whole answer, and send the next, for a warm-up
/// and then a fixed measured window. Only requests that complete inside the window count, so the figure is
/// completions per second at N requests in flight.
/// </summary>
public static class LoadRunner
{
    private static readonly byte[] Success = Encoding.UTF8.GetBytes("\"status_code\":1000");

    /// <summary>
    /// The load client's own meters. System.Net.Http's default meter has no scope, so every platform in this process
    /// recorded the client's requests as if they were its own outbound calls: about 3 % of the machine's CPU in P4's
    /// closed loop, in the bare target's windows as much as in the pipeline's, which flattered the ratios. A platform
    /// keeps only the meters of its own factory, so it drops these, as it never sees a peer's client in a deployment.
    /// </summary>
    private static readonly IMeterFactory ClientMeters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    /// <summary>One client for all workers; it opens one keep-alive connection per worker.</summary>
    public static HttpClient CreateClient(int workers) => new(new SocketsHttpHandler
    {
        MeterFactory = ClientMeters,
        MaxConnectionsPerServer = workers,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Loads every target in turn, a second each, until the JIT has settled: a platform's code is compiled and then
    /// recompiled optimized (tiered compilation) over many seconds on two cores, and whichever target ran during
    /// that time would pay for it. Ends once at least the warm-up time has passed and fewer than
    /// <paramref name="settledPerSecond"/> methods were compiled in the last round per second, or after
    /// <paramref name="longest"/> seconds; returns what it saw.
    /// </summary>
    public static async Task<string> WarmAsync(HttpClient http, IReadOnlyList<Func<HttpRequestMessage>> targets, BenchOptions options,
        double longest, int settledPerSecond = 20)
    {
        var round = options with { WarmupSeconds = 0, DurationSeconds = 1 };
        var (seconds, rate) = await UntilJitSettlesAsync(async () =>
        {
            foreach (var target in targets) await RunAsync("warm-up", http, target, round);
        }, options.WarmupSeconds, longest, settledPerSecond);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"warmed {seconds:0} s over all targets; the JIT compiled {rate:0} methods/s in the last round");
    }

    /// <summary>
    /// Runs <paramref name="round"/> (a second or so of work) again and again, for at least <paramref name="atLeast"/>
    /// seconds and until the JIT compiles fewer than <paramref name="settledPerSecond"/> methods a second during one, or
    /// <paramref name="longest"/> seconds have passed; at least once. Returns the seconds spent and the last round's rate.
    /// </summary>
    public static async Task<(double Seconds, double Rate)> UntilJitSettlesAsync(Func<Task> round, double atLeast, double longest, int settledPerSecond = 20)
    {
        var started = Stopwatch.GetTimestamp();
        double rate;
        do
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            var from = Stopwatch.GetTimestamp();
            await round();
            rate = (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled) / Stopwatch.GetElapsedTime(from).TotalSeconds;
        }
        while ((Stopwatch.GetElapsedTime(started).TotalSeconds < atLeast || rate >= settledPerSecond)
               && Stopwatch.GetElapsedTime(started).TotalSeconds < longest);
        return (Stopwatch.GetElapsedTime(started).TotalSeconds, rate);
    }

    /// <summary>How many turns a closed loop's window is cut into: at most three, and a second or more each, so that each window holds thousands of answers.</summary>
    public static int Turns(BenchOptions options) => Math.Clamp((int)options.DurationSeconds, 1, 3);

    /// <summary>
    /// Measures every target in <see cref="Turns"/> turns (a window of each, one after the other, then again), so that
    /// each sees the same stretches of a shared machine: its speed drifts over seconds, and a target measured whole
    /// before another could get a faster or slower machine than the baseline it is divided by. Each window gets its
    /// share of the duration and the whole warm-up, and starts after a full collection, so that no window pays for the
    /// garbage of the one before. Each window is announced as <paramref name="announce"/> and the target's name; with
    /// <c>--alloc</c>, the types it allocated are printed after it.
    /// </summary>
    public static async Task<List<LoadResult>> RunInTurnsAsync(IReadOnlyList<(string Name, Func<HttpRequestMessage> Make)> targets, HttpClient http,
        BenchOptions options, string announce)
    {
        var rounds = Turns(options);
        var window = options with { DurationSeconds = options.DurationSeconds / rounds };
        var windows = targets.Select(_ => new List<LoadResult>()).ToList();
        using var sampler = options.Allocations ? new AllocationSampler() : null;
        for (var round = 0; round < rounds; round++)
            for (var i = 0; i < targets.Count; i++)
            {
                GC.Collect();
                await Task.Delay(300);
                Console.WriteLine($"{announce}{targets[i].Name}...");
                sampler?.Start();
                windows[i].Add(await RunAsync(targets[i].Name, http, targets[i].Make, window));
                if (sampler is not null) Console.Write(sampler.Stop(targets[i].Name));
            }
        return windows.Select(LoadResult.Merge).ToList();
    }

    public static async Task<LoadResult> RunAsync(string name, HttpClient http, Func<HttpRequestMessage> request, BenchOptions options)
    {
        var warmupEnds = Stopwatch.GetTimestamp() + (long)(options.WarmupSeconds * Stopwatch.Frequency);
        var measureEnds = warmupEnds + (long)(options.DurationSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(_ => Task.Run(() => WorkAsync(http, request, warmupEnds, measureEnds)))
            .ToArray();
        var (cpu, allocated) = await CpuDuringAsync(warmupEnds, measureEnds);
        var outcomes = await Task.WhenAll(workers);

        var latencies = outcomes.SelectMany(o => o.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(name, latencies.Length, outcomes.Sum(o => o.Errors), options.DurationSeconds, latencies,
            outcomes.Select(o => o.FirstError).FirstOrDefault(e => e is not null), cpu, allocated);
    }

    /// <summary>
    /// The whole process's CPU use over the window, as a share of all cores: well below 100 % under full load means
    /// requests wait (on a lock, a disk flush, a sleep) rather than compute; and the bytes allocated meanwhile.
    /// </summary>
    private static async Task<(double CpuPercent, long Allocated)> CpuDuringAsync(long from, long to)
    {
        using var process = Process.GetCurrentProcess();
        await Task.Delay(Until(from));
        process.Refresh();
        var cpuFrom = process.TotalProcessorTime;
        var allocatedFrom = GC.GetTotalAllocatedBytes();
        var wallFrom = Stopwatch.GetTimestamp();
        await Task.Delay(Until(to));
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuFrom;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedFrom;
        return (100 * cpu.TotalSeconds / Stopwatch.GetElapsedTime(wallFrom).TotalSeconds / Environment.ProcessorCount, allocated);
    }

    // Never negative: a moment already past would be a negative delay, and one of -1 ms is Task.Delay's "forever".
    private static TimeSpan Until(long timestamp) => TimeSpan.FromTicks(Math.Max(0, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp).Ticks));

    private sealed class WorkerOutcome
    {
        public List<long> Latencies { get; } = new(capacity: 4096);
        public long Errors { get; set; }
        public string? FirstError { get; set; }
    }

    private static async Task<WorkerOutcome> WorkAsync(HttpClient http, Func<HttpRequestMessage> request, long warmupEnds, long measureEnds)
    {
        var outcome = new WorkerOutcome();
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            if (started >= measureEnds) return outcome;
            string? error;
            try
            {
                using var message = request();
                using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                error = response.StatusCode == HttpStatusCode.OK && body.AsSpan().IndexOf(Success) >= 0
                    ? null
                    : $"HTTP {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}";
            }
            catch (HttpRequestException e)
            {
                error = e.Message;
            }
            catch (TaskCanceledException e)
            {
                error = "timeout: " + e.Message;
            }
            var ended = Stopwatch.GetTimestamp();
            // Counted by completion time: the window then holds exactly the answers given during it.
            if (ended < warmupEnds || ended > measureEnds) continue;
            if (error is null)
            {
                outcome.Latencies.Add(ended - started);
            }
            else
            {
                outcome.Errors++;
                outcome.FirstError ??= error;
            }
        }
    }
}
