namespace Platform.Api.Infrastructure.Probes;

/// <summary>
/// One probe while it runs: the connection, its calls, the parties on either side, which modules were asked for,
/// and the checks found so far.
/// </summary>
public sealed class ProbeRun(Connection connection, ProbeCalls calls, IReadOnlyList<HostedParty> participants, IReadOnlyList<RemoteParty> remote,
    IReadOnlyCollection<string>? modules)
{
    private readonly List<ProbeCheck> _checks = [];

    public Connection Connection => connection;
    public ProbeCalls Calls => calls;
    public IReadOnlyList<ProbeCheck> Checks => _checks;

    public bool Wants(string module) => modules is null || modules.Contains(module);

    public void Add(string name, string module, string result, string spec, string detail, ProbeExchange? evidence = null) =>
        _checks.Add(new ProbeCheck(name, module, result, spec, calls.Mask(detail), evidence?.Request, evidence?.Response));

    public void Pass(string name, string module, string spec, string detail, ProbeExchange? evidence = null) =>
        Add(name, module, ProbeResults.Pass, spec, detail, evidence);

    public void Fail(string name, string module, string spec, string detail, ProbeExchange? evidence = null) =>
        Add(name, module, ProbeResults.Fail, spec, detail, evidence);

    public void Skip(string name, string module, string spec, string why) => Add(name, module, ProbeResults.Skipped, spec, why);

    /// <summary>Pass when <paramref name="problem"/> is null, else fail with it.</summary>
    public void Judge(string name, string module, string spec, string? problem, string passed, ProbeExchange? evidence) =>
        Add(name, module, problem is null ? ProbeResults.Pass : ProbeResults.Fail, spec, problem ?? passed, evidence);

    /// <summary>Our hosted party on this connection that acts in <paramref name="role"/>, if any.</summary>
    public PartyRef? Ours(Role role) =>
        participants.FirstOrDefault(p => p.RoleList.Contains(role)) is { } party ? new PartyRef(party.CountryCode, party.PartyId) : null;

    /// <summary>The peer's party in <paramref name="role"/>: one from its credentials first, else one it reaches (Hub).</summary>
    public PartyRef? Theirs(Role role) =>
        remote.Where(r => r.Is(role)).OrderBy(r => r.Source == RemotePartySources.Credentials ? 0 : 1)
            .Select(r => new PartyRef(r.CountryCode, r.PartyId)).FirstOrDefault();
}
