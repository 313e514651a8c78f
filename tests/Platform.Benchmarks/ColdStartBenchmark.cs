using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>
/// P6: cold start of Platform.Api as deployed (published ReadyToRun, <see cref="PublishedPlatform"/>, or the
/// <c>--api-dir</c> given) as a process of its own, from the process start to <c>/health/ready</c> answering 200: on a
/// new database (every migration runs) and on the database of the start before (nothing to migrate). Starts
/// alternate, new then existing. The dll as built (JIT only) is timed the same way beside it, for comparison.
/// </summary>
public static class ColdStartBenchmark
{
    public const double TargetSeconds = 1.0;

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        var deployed = options.ApiDirectory.Length > 0 ? options : options with { ApiDirectory = await PublishedPlatform.PublishAsync() };
        var built = options with { ApiDirectory = "" };
        Console.WriteLine($"P6: timing {options.Rounds} cold starts of {ChildPlatform.ApiDll(deployed)} and of {ChildPlatform.ApiDll(built)} on a new and on an existing database...");
        var bare = new List<double>();
        var (fresh, existing, builtFresh, builtExisting) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        // One start of each first, not timed: the first `dotnet` of a run also pays for the disk cache of the files.
        foreach (var warmed in new[] { deployed, built })
        {
            var warm = Path.Combine(options.DataDirectory, $"p6-warm-{Guid.NewGuid():N}");
            await using (var _ = (await ChildPlatform.StartAsync(warm, warmed)).Platform) { }
            Delete(warm, options);
        }
        for (var round = 0; round < options.Rounds; round++)
        {
            var folder = Path.Combine(options.DataDirectory, $"p6-{Guid.NewGuid():N}");
            var (minimal, minimalReady) = await ChildPlatform.StartBareAsync(folder);
            bare.Add(minimalReady.TotalSeconds);
            await minimal.DisposeAsync();
            Delete(folder, options);
            foreach (var (how, onNew, onExisting) in new[] { (deployed, fresh, existing), (built, builtFresh, builtExisting) })
            {
                folder = Path.Combine(options.DataDirectory, $"p6-{Guid.NewGuid():N}");
                var (first, ready) = await ChildPlatform.StartAsync(folder, how);
                onNew.Add(ready.TotalSeconds);
                await first.DisposeAsync();
                var (second, again) = await ChildPlatform.StartAsync(folder, how);
                onExisting.Add(again.TotalSeconds);
                await second.DisposeAsync();
                Delete(folder, options);
            }
        }

        var (bareMedian, newMedian, existingMedian) = (Median(bare), Median(fresh), Median(existing));
        var worst = Math.Max(newMedian, existingMedian);
        var what = options.ApiDirectory.Length > 0 ? "the --api-dir build" : "published (ReadyToRun)";
        var table = Report.Table($"P6 cold start of Platform.Api.dll to /health/ready, {options.Rounds} starts each, seconds",
            ["build and database", "median s", "min s", "max s"],
            [
                ["baseline: a minimal ASP.NET Core app started the same way", F(bareMedian), F(bare.Min()), F(bare.Max())],
                [$"{what}, new database (every migration runs)", F(newMedian), F(fresh.Min()), F(fresh.Max())],
                [$"{what}, existing database (the previous start's)", F(existingMedian), F(existing.Min()), F(existing.Max())],
                ["diagnostic: Release dll as built (JIT only), new database", F(Median(builtFresh)), F(builtFresh.Min()), F(builtFresh.Max())],
                ["diagnostic: Release dll as built (JIT only), existing database", F(Median(builtExisting)), F(builtExisting.Min()), F(builtExisting.Max())],
            ]);
        var row = new SummaryRow("P6", $"cold start to /health/ready, {what} in its own process, median of {options.Rounds}",
            $"<= {TargetSeconds:0.0} s, new and existing database", $"minimal app {F(bareMedian)} s",
            $"new {F(newMedian)} s, existing {F(existingMedian)} s", $"{F(worst / TargetSeconds)} of target; {F(worst / bareMedian)}x the minimal app",
            worst <= TargetSeconds);
        return new BenchResult(table, [row]);
    }

    private static void Delete(string folder, BenchOptions options)
    {
        if (options.KeepData) return;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not delete {folder}: {e.Message}");
        }
    }

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
