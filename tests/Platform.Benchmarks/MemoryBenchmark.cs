using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Platform.Ocpi.Transport;

namespace Platform.Benchmarks;

/// <summary>
/// P5: memory of a receiving platform (the built Platform.Api dll in its own process, so the figure is the platform's
/// alone) holding many locations and taking EVSE status PATCHes: resident set size (RSS, from /proc) and the GC heap
/// (the runtime's last-collection heap size, from its own /metrics), sampled through the load and for a while after it.
/// The locations are seeded into its SQLite file as P2 does (publishing each through HTTP would take longer than the
/// measurement); the PATCHes go through the whole pipeline, spread over all locations, so every one reads and writes
/// a different stored row. Target: RSS at most 400 MB, and flat once the load ends (no growth beyond 5 % after it).
/// </summary>
public static class MemoryBenchmark
{
    public const long TargetBytes = 400L * 1024 * 1024;
    public const double FlatTolerance = 1.05;
    private const int Workers = 16;
    private static readonly string[] Statuses = ["AVAILABLE", "CHARGING", "BLOCKED", "OUTOFORDER"];

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"P5: starting Platform.Api.dll as the eMSP and a CPO platform; {options.MemoryLocations:N0} locations, {options.MemoryPatches:N0} PATCHes...");
        var folder = Path.Combine(options.DataDirectory, $"p5-emsp-{Guid.NewGuid():N}");
        await using var cpo = await BenchPlatform.StartAsync("p5-cpo", options);
        var (emsp, _) = await ChildPlatform.StartAsync(folder, options);
        var samples = new List<(double Seconds, string Phase, long Rss, long? Heap)>();
        try
        {
            await cpo.CreatePartyAsync("NL", "CPO", "CPO");
            await BenchPlatform.CreatePartyAsync(emsp, "DE", "MSP", "EMSP");
            var (_, cpoConnection) = await BenchPlatform.ConnectAsync(emsp, ["DE*MSP"], cpo, ["NL*CPO"]);
            var token = await cpo.HeldTokenAsync(cpoConnection);
            var clock = Stopwatch.StartNew();
            async Task Sample(string phase) => samples.Add((clock.Elapsed.TotalSeconds, phase, emsp.ResidentBytes(), await GcHeapAsync(emsp)));

            await Sample("started");
            var seeded = await SenderPagingBenchmark.SeedAsync(emsp.DatabaseFile, "received", [("DE*MSP", "CPO")], options.MemoryLocations);
            Console.WriteLine($"P5: seeded {options.MemoryLocations:N0} received locations in {seeded.TotalSeconds:0.0} s");
            await Sample("seeded");

            using var http = LoadRunner.CreateClient(Workers);
            var baseUrl = $"{emsp.Url}/ocpi/2.2.1/receiver/locations/NL/CPO";
            var next = -1L;
            var errors = 0L;
            var done = 0L;
            string? firstError = null;
            var loadStarted = Stopwatch.GetTimestamp();
            var loadEnds = options.MemoryLoadSeconds > 0 ? loadStarted + (long)(options.MemoryLoadSeconds * Stopwatch.Frequency) : long.MaxValue;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    await Sample("load");
                    try { await Task.Delay(500, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) < options.MemoryPatches && Stopwatch.GetTimestamp() < loadEnds)
                {
                    var location = $"LOC{Random.Shared.Next(options.MemoryLocations):0000000}";
                    var body = $$"""{"status":"{{Statuses[Random.Shared.Next(Statuses.Length)]}}","last_updated":"{{DateTime.UtcNow:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}"}""";
                    using var request = new HttpRequestMessage(HttpMethod.Patch, $"{baseUrl}/{location}/1");
                    request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(token));
                    request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, Guid.NewGuid().ToString());
                    request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, Guid.NewGuid().ToString());
                    request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
                    using var response = await http.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    Interlocked.Increment(ref done);
                    if (!response.IsSuccessStatusCode || !text.Contains("\"status_code\":1000", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, $"HTTP {(int)response.StatusCode}: {text}", null);
                    }
                }
            })));
            var loadSeconds = Stopwatch.GetElapsedTime(loadStarted).TotalSeconds;
            var patches = Interlocked.Read(ref done);
            await sampling.CancelAsync();
            await sampler;
            await Sample("load ended");
            var settleEnds = Stopwatch.GetTimestamp() + (long)(options.SettleSeconds * Stopwatch.Frequency);
            while (Stopwatch.GetTimestamp() < settleEnds)
            {
                await Task.Delay(500);
                await Sample("after");
            }

            var atEnd = samples.Last(s => s.Phase == "load ended");
            var after = samples.Where(s => s.Phase == "after").DefaultIfEmpty(atEnd).ToList();
            var peak = samples.Max(s => s.Rss);
            var final = after[^1];
            var growth = (double)after.Max(s => s.Rss) / atEnd.Rss;
            var met = peak <= TargetBytes && growth <= FlatTolerance && errors == 0;
            var table = Report.Table(
                $"P5 memory of the receiving platform (its own process): {options.MemoryLocations:N0} locations stored, {patches:N0} EVSE PATCHes "
                + $"by {Workers} workers in {loadSeconds:0.0} s ({patches / loadSeconds:0} /s, {errors} errors), sampled every 0.5 s",
                ["when", "s", "RSS MB", "GC heap MB"],
                Thin(samples).Select(s => new[] { s.Phase, Report.F(s.Seconds, "0.0"), Mb(s.Rss), s.Heap is { } h ? Mb(h) : "n/a" }));
            if (firstError is not null) table += $"first error: {firstError[..Math.Min(firstError.Length, 300)]}{Environment.NewLine}";
            var row = new SummaryRow("P5", $"memory after {options.MemoryLocations:N0} locations stored and {patches:N0} EVSE PATCHes, then {options.SettleSeconds:0.#} s idle",
                "RSS <= 400 MB, flat after the load (<= 5 % growth)", "–",
                $"RSS peak {Mb(peak)} MB, at end {Mb(atEnd.Rss)} MB, after {Mb(final.Rss)} MB; GC heap {(final.Heap is { } heap ? Mb(heap) + " MB" : "n/a")}",
                Report.F((double)peak / TargetBytes, "0.00") + " of target; growth " + Report.F(growth, "0.00") + "x", met,
                options.Quick || options.Smoke ? $"{options.Mode}: scaled down from 1,000,000 and 1,000,000, the load cut at {options.MemoryLoadSeconds:0} s" : null);
            return new BenchResult(table, [row]);
        }
        finally
        {
            await emsp.DisposeAsync();
            if (!options.KeepData)
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The load's samples thinned to about 12 rows, the others all kept.</summary>
    private static IEnumerable<(double Seconds, string Phase, long Rss, long? Heap)> Thin(List<(double Seconds, string Phase, long Rss, long? Heap)> samples)
    {
        var load = samples.Where(s => s.Phase == "load").ToList();
        var step = Math.Max(1, load.Count / 12);
        return samples.Where(s => s.Phase != "load" || load.IndexOf(s) % step == 0);
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The GC heap after the last collection, summed over generations, from the platform's own /metrics.</summary>
    private static async Task<long?> GcHeapAsync(ChildPlatform platform)
    {
        try
        {
            var text = await platform.Admin.GetStringAsync("/metrics");
            long total = 0;
            var found = false;
            foreach (var line in text.Split('\n'))
            {
                if (!line.StartsWith("dotnet_gc_last_collection_heap_size_bytes", StringComparison.Ordinal)
                    && !line.StartsWith("process_runtime_dotnet_gc_heap_size_bytes", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    total += (long)value;
                    found = true;
                }
            }
            return found ? total : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
