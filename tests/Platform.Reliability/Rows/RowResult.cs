namespace Platform.Reliability.Rows;

/// <summary>How big a run is: <see cref="Full"/> is the issue's size, <see cref="Quick"/> fits in 5 minutes on the dev
/// machine, <see cref="Ci"/> runs inside <c>dotnet test</c> in seconds.</summary>
public enum RowScale { Ci, Quick, Full }

/// <summary>One row of the table: what was tried, how many cases, how many failures, and what a failure was.</summary>
public sealed class RowResult(string id, string test)
{
    private readonly List<string> _findings = [];

    public string Id { get; } = id;
    public string Test { get; } = test;
    public long Cases { get; private set; }
    public long Failures { get; private set; }

    /// <summary>The row's figures and how it was scaled, in a few words.</summary>
    public string Figures { get; set; } = "";

    public IReadOnlyList<string> Findings => _findings;

    /// <summary>What a failing row adds to explain itself; not failures.</summary>
    public List<string> Notes { get; } = [];

    public bool Holds => Failures == 0 && Cases > 0;

    /// <summary>Counts one case; false adds a failure with <paramref name="why"/> (the first 20 are kept).</summary>
    public bool Check(bool ok, Func<string> why)
    {
        Cases++;
        if (ok) return true;
        Fail(why());
        return false;
    }

    public void Fail(string why)
    {
        Failures++;
        if (_findings.Count < 20) _findings.Add(why);
    }

    public string Markdown =>
        $"| {Id} | {Test} | {Cases:N0} | {Failures:N0} | {Figures.Replace("|", "/", StringComparison.Ordinal)} | {(Holds ? "HOLDS" : "FAILS")} |";

    public const string Header = "| # | test | cases tried | failures found | figures | verdict |\n|---|---|---:|---:|---|---|";

    public override string ToString() =>
        Markdown + (Findings.Count == 0 ? "" : "\n" + string.Join("\n", Findings.Select(f => "  - " + f)))
        + (Notes.Count == 0 ? "" : "\n" + string.Join("\n", Notes.Select(n => "  * " + n)));
}
