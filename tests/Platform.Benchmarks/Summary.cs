using System.Text;

namespace Platform.Benchmarks;

/// <summary>One measure's line in the summary table: what it is, its target, its baseline in the same run, and the verdict.</summary>
/// <param name="Unjudged">Why the row is not judged (a run that measured only part of it), printed in place of the verdict.</param>
public sealed record SummaryRow(string Id, string What, string Target, string Baseline, string Measured, string Ratio, bool Met, string? Note = null, bool Failed = false,
    string? Unjudged = null);

/// <summary>What one benchmark printed in detail, and its summary rows.</summary>
public sealed record BenchResult(string Detail, IReadOnlyList<SummaryRow> Rows);

/// <summary>The one table of the <c>all</c> command: a row per measure, each ending MET or NOT MET (or, in a smoke run, not judged).</summary>
public static class Summary
{
    public static string Table(IEnumerable<SummaryRow> rows, BenchOptions options)
    {
        var ordered = rows.OrderBy(r => Array.IndexOf(Order, r.Id)).ToList();
        var text = new StringBuilder();
        text.AppendLine($"Summary ({options.Mode} run{(options.Smoke ? ": only proves the harness runs, no target judged" : "")}; ratios are within this run)").AppendLine();
        text.AppendLine("| # | measure | target | baseline | measured | ratio | result |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var r in ordered)
        {
            var what = r.Note is null ? r.What : $"{r.What} ({r.Note})";
            var verdict = r.Failed ? "NOT MET" : options.Smoke ? "smoke: not judged" : r.Unjudged ?? (r.Met ? "MET" : "NOT MET");
            text.AppendLine($"| {r.Id} | {what} | {r.Target} | {r.Baseline} | {r.Measured} | {r.Ratio} | {verdict} |");
        }
        return text.ToString();
    }

    private static readonly string[] Order = ["P1", "P1b", "P2", "P3", "P4", "P5", "P6"];

    /// <summary>A benchmark that threw: its rows are there, NOT MET, saying why.</summary>
    public static IEnumerable<SummaryRow> Failed(string benchmark, Exception e)
    {
        var ids = benchmark switch { "p1" => new[] { "P1", "P1b" }, _ => [benchmark.ToUpperInvariant()] };
        var reason = e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" ");
        if (reason.Length > 200) reason = reason[..200] + "…";
        return ids.Select(id => new SummaryRow(id, "the benchmark failed: " + reason.Replace('|', '/'), "–", "–", "–", "–", false, Failed: true));
    }
}
