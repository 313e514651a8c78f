using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Platform.Benchmarks;

/// <summary>Markdown tables, so a run's output can be pasted into README.md as printed.</summary>
public static class Report
{
    public static string Machine() => string.Create(CultureInfo.InvariantCulture,
        $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, "
        + $".NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");

    /// <summary>The first result is the baseline the ratios are taken against.</summary>
    public static string LoadTable(string title, IReadOnlyList<LoadResult> results)
    {
        var baseline = results[0].RequestsPerSecond;
        var rows = results.Select(r => new[]
        {
            r.Name, F(r.Requests, "0"), F(r.Errors, "0"), F(r.RequestsPerSecond, "0"), F(r.RequestsPerSecond / baseline, "0.00"),
            F(r.PercentileMs(50), "0.00"), F(r.PercentileMs(95), "0.00"), F(r.PercentileMs(99), "0.00"), F(r.CpuPercent, "0") + " %",
            r.CpuPercent > 0 && r.Requests > 0 ? F(r.CpuMsPerRequest, "0.000") : "–",
            r.CpuPercent > 0 && r.Requests > 0 && results[0].CpuPercent > 0 ? F(results[0].CpuMsPerRequest / r.CpuMsPerRequest, "0.00") : "–",
            r.AllocatedBytes > 0 && r.Requests > 0 ? F(r.KilobytesPerRequest, "0.0") : "–",
        });
        var table = Table(title, ["target", "requests", "errors", "req/s", "ratio", "p50 ms", "p95 ms", "p99 ms", "CPU", "CPU ms/req", "CPU ratio", "KB/req"], rows);
        foreach (var failed in results.Where(r => r.FirstError is not null))
            table += $"first error of '{failed.Name}': {Truncate(failed.FirstError!, 300)}{Environment.NewLine}";
        return table;
    }

    public static string Table(string title, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder().AppendLine(title).AppendLine();
        void Line(string[] cells) =>
            text.Append("| ").AppendJoin(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).AppendLine(" |");
        Line(all[0]);
        text.Append('|').AppendJoin('|', widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")).AppendLine("|");
        foreach (var row in all.Skip(1)) Line(row);
        return text.AppendLine().ToString();
    }

    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
