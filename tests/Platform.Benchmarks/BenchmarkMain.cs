namespace Platform.Benchmarks;

/// <summary>
/// Entry point. A class, not top-level statements: Platform.Api already has a public global Program, and a
/// second one here would clash with it.
/// </summary>
public static class BenchmarkMain
{
    public static async Task<int> Main(string[] args)
    {
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
        if (options.RunP1) report.Add(await ReceiverPatchBenchmark.RunAsync(options));
        if (options.RunP2) report.Add(await SenderPagingBenchmark.RunAsync(options));
        if (options.RunP4) report.Add(await AuthorizeBenchmark.RunAsync(options));

        // Printed together at the end, so the platforms' own console lines do not break up the tables.
        Console.WriteLine();
        foreach (var part in report) Console.WriteLine(part);
        return 0;
    }
}
