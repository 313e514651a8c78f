using System.Diagnostics;
using Platform.Reliability.Rows;

namespace Platform.Reliability;

/// <summary>
/// Entry point: <c>-- all|r1..r7 [more rows] [--quick]</c>. A class, not top-level statements: Platform.Api already has
/// a public global Program.
/// </summary>
public static class ReliabilityMain
{
    private static readonly Dictionary<string, Func<RowScale, Task<RowResult>>> Rows = new(StringComparer.OrdinalIgnoreCase)
    {
        ["r1"] = IsolationMatrix.RunAsync,
        ["r2"] = BadInputCorpus.RunAsync,
        ["r3"] = PeerOutage.RunAsync,
        ["r4"] = CrashRounds.RunAsync,
        ["r5"] = TokenHygiene.RunAsync,
        ["r6"] = TwoNodes.RunAsync,
        ["r7"] = OutboundUrls.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        var scale = args.Contains("--quick") ? RowScale.Quick : RowScale.Full;
        var asked = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (asked.Count == 0 || asked.Any(a => a != "all" && !Rows.ContainsKey(a)))
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Platform.Reliability -- all|r1 .. r7 [--quick]");
            return 2;
        }
        var names = asked.Contains("all") ? Rows.Keys.ToList() : asked;
        var results = new List<RowResult>();
        var total = Stopwatch.StartNew();
        foreach (var name in names)
        {
            var watch = Stopwatch.StartNew();
            Console.Error.WriteLine($"[reliability] {name.ToUpperInvariant()} ({scale}) ...");
            RowResult result;
            try
            {
                result = await Rows[name](scale);
            }
            catch (Exception e)
            {
                result = new RowResult(name.ToUpperInvariant(), "(did not finish)");
                result.Fail($"{e.GetType().Name}: {e.Message}");
            }
            Console.Error.WriteLine($"[reliability] {result.Id} {(result.Holds ? "HOLDS" : "FAILS")} in {watch.Elapsed.TotalSeconds:F0} s");
            results.Add(result);
        }

        // Printed together at the end, so the platforms' own console lines do not break up the table.
        Console.WriteLine();
        Console.WriteLine($"Reliability ({scale}, {total.Elapsed.TotalSeconds:F0} s)");
        Console.WriteLine();
        Console.WriteLine(RowResult.Header);
        foreach (var r in results) Console.WriteLine(r.Markdown);
        foreach (var r in results.Where(r => r.Findings.Count > 0))
        {
            Console.WriteLine();
            Console.WriteLine($"{r.Id} findings:");
            foreach (var f in r.Findings) Console.WriteLine("  - " + f);
        }
        return results.All(r => r.Holds) ? 0 : 1;
    }
}
