namespace Platform.Api.Infrastructure.Probes;

public static class ProbeResults
{
    public const string Pass = "pass";
    public const string Warn = "warn";
    public const string Fail = "fail";
    public const string Skipped = "skipped";
}

/// <summary>
/// One check of a probe: what was checked (<paramref name="Name"/>), against which rule (<paramref name="Spec"/>:
/// document and section), the outcome and why, and the evidence (short excerpts, tokens masked).
/// </summary>
public sealed record ProbeCheck(string Name, string Module, string Result, string Spec, string Detail, string? Request = null, string? Response = null);

public sealed record ProbeSummary(int Pass, int Warn, int Fail, int Skipped)
{
    public static ProbeSummary Of(IReadOnlyCollection<ProbeCheck> checks) => new(
        checks.Count(c => c.Result == ProbeResults.Pass), checks.Count(c => c.Result == ProbeResults.Warn),
        checks.Count(c => c.Result == ProbeResults.Fail), checks.Count(c => c.Result == ProbeResults.Skipped));
}

/// <summary>A probe as the admin API shows it (issue 21's shape).</summary>
public sealed record ProbeView(string Id, string State, DateTime StartedAt, DateTime? FinishedAt, string? Version, ProbeSummary Summary,
    IReadOnlyList<ProbeCheck> Checks);

/// <summary>The admin API's JSON rules, except that absent values show as null: a report always has every field of its shape.</summary>
public static class ProbeJson
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(Platform.Ocpi.Json.OcpiJson.Options)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };
}
