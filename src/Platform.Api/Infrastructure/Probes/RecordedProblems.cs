using Platform.Api.Infrastructure.Problems;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>
/// What the platform recorded on the connection since registration (refusals either way), one warn per rule:
/// direction, module and the first clause of the reason (e.g. "refused on pull"), with a count and examples.
/// </summary>
public static class RecordedProblems
{
    public static async Task AddAsync(ProbeRun run, ConnectionProblems problems, CancellationToken ct)
    {
        var since = run.Connection.RegisteredAt ?? run.Connection.CreatedAt;
        var (items, _) = await problems.PageAsync(run.Connection.Id, 0, ConnectionProblems.MaxPerConnection, ct);
        var recorded = items.Where(p => p.At >= since).ToList();
        if (recorded.Count == 0)
        {
            run.Pass("recorded problems: none since registration", "problems", ProbeSpecs.RecordedProblems,
                "nothing was refused either way on this connection since it registered");
            return;
        }
        foreach (var rule in recorded.GroupBy(p => (p.Direction, Module: p.Module ?? "other", Rule: RuleOf(p.Reason))).OrderByDescending(g => g.Count()))
        {
            var examples = rule.Take(3).Select(p => $"{p.At:u} {p.ObjectId ?? "-"}{(p.PeerStatus is null ? "" : $" [{p.PeerStatus}]")}: {p.Reason}");
            var who = rule.Key.Direction == ProblemDirections.Inbound ? "we refused of the peer" : "the peer refused of ours";
            run.Add($"recorded problems: {rule.Key.Direction} {rule.Key.Module}: {rule.Key.Rule}", rule.Key.Module, ProbeResults.Warn,
                ProbeSpecs.RecordedProblems, $"{rule.Count()} time(s) since registration {who}; latest: {string.Join(" | ", examples)}");
        }
    }

    /// <summary>"refused on pull: evses[0].status: …" → "refused on pull"; a reason without a clause is its own rule.</summary>
    private static string RuleOf(string reason)
    {
        var clause = reason.Split(':', 2)[0].Trim();
        return clause.Length is > 0 and <= 60 ? clause : reason[..Math.Min(reason.Length, 60)];
    }
}
