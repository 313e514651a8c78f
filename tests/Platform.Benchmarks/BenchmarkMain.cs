namespace Platform.Benchmarks;

/// <summary>
/// Entry point. A class, not top-level statements: Platform.Api already has a public global Program, and a
/// second one here would clash with it.
/// </summary>
public static class BenchmarkMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [BareHost.Command, var url]) return await BareHost.RunAsync(url);
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        Directory.CreateDirectory(options.DataDirectory);
        var report = new List<string> { "Machine: " + Report.Machine() + Environment.NewLine };
        var rows = new List<SummaryRow>();
        var failed = false;
        var benchmarks = new (string Name, Func<BenchOptions, Task<BenchResult>> Run)[]
        {
            ("p1", ReceiverPatchBenchmark.RunAsync), ("p2", SenderPagingBenchmark.RunAsync), ("p3", PushFanOutBenchmark.RunAsync),
            ("p4", AuthorizeBenchmark.RunAsync), ("p5", MemoryBenchmark.RunAsync), ("p6", ColdStartBenchmark.RunAsync),
        };
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var (name, run) in benchmarks.Where(b => options.Run.Contains(b.Name)))
        {
            try
            {
                var result = await run(options);
                report.Add(result.Detail);
                rows.AddRange(result.Rows);
            }
            catch (Exception e)
            {
                // One broken benchmark must not hide the others' figures; its rows say it failed, and so does the exit code.
                failed = true;
                Console.Error.WriteLine($"{name} failed: {e}");
                rows.AddRange(Summary.Failed(name, e));
            }
        }

        // Printed together at the end, so the platforms' own console lines do not break up the tables.
        Console.WriteLine();
        foreach (var part in report) Console.WriteLine(part);
        Console.WriteLine(Summary.Table(rows, options));
        Console.WriteLine($"Total {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0} s ({options.Mode} run).");
        return failed ? 1 : 0;
    }
}
