using System.Text.Json;
using Platform.Api.Modules.Versions;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>
/// One probe while it runs: the connection, its calls, the parties on either side, which modules were asked for,
/// the translator of the connection's version (none for 2.2.1), and the checks found so far.
/// </summary>
public sealed class ProbeRun(Connection connection, ProbeCalls calls, IReadOnlyList<HostedParty> participants, IReadOnlyList<RemoteParty> remote,
    IReadOnlyCollection<string>? modules, IWireTranslator? translator = null)
{
    private readonly List<ProbeCheck> _checks = [];

    public Connection Connection => connection;
    public ProbeCalls Calls => calls;
    public IReadOnlyList<ProbeCheck> Checks => _checks;

    /// <summary>The connection's OCPI version, whose rules the checks apply.</summary>
    public string Version => connection.Version ?? OcpiVersions.V221;

    /// <summary>2.1.1: no request ids, no routing headers, no roles, no 2004 (digest §5.1).</summary>
    public bool Is211 => VersionModules.IsSingleParty(Version);

    public bool Wants(string module) => modules is null || modules.Contains(module);

    public void Add(string name, string module, string result, string spec, string detail, ProbeExchange? evidence = null) =>
        _checks.Add(new ProbeCheck(name, module, result, ProbeSpecs.In(Version, spec), calls.Mask(detail), evidence?.Request, evidence?.Response));

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

    /// <summary>
    /// What the peer sent (raw, in its version) read as the 2.2.1 model, the way every other read over this connection
    /// reads it at the edge (<see cref="WireEdge"/>), and validated there with the version's id lengths; the problem
    /// names fields as the peer's version spells them. <paramref name="theirs"/> is the owner 2.1.1 does not state.
    /// </summary>
    public string? ModelProblem(WireKind kind, JsonElement wire, PartyRef? ours, PartyRef? theirs, Func<JsonElement, string?> problem)
    {
        var model = wire;
        if (translator is not null && JsonNode.Parse(wire.GetRawText()) is { } node)
        {
            try
            {
                var role = kind == WireKind.Credentials ? WireEdge.Counterpart(participants) : (Role?)null;
                model = JsonSerializer.SerializeToElement(translator.FromPeer(kind, node, new WireContext(Version, ours, theirs, role)), OcpiJson.Options);
            }
            // Whatever a peer's object breaks in the translation is its problem, reported on it, not the probe's end.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return $"cannot be read as OCPI {Version}: {e.Message}";
            }
        }
        using (Platform.Ocpi.Validation.LocationIdLength.For(Version))
            return problem(model) is { } found ? WireFieldNames.Rename(Version, kind, found) : null;
    }
}
