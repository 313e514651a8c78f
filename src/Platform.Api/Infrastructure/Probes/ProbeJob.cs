using System.Text.Json;
using Hangfire;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Infrastructure.Problems;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>
/// Runs one conformance probe of a connection's peer (issue 21) in the background and stores its report: read-only
/// checks always, in the connection's version (2.1.1, 2.2.1 or 2.3.0, each by its own rules) against the endpoints
/// the peer registered, as our hosted parties of that connection. Bounded by <see cref="ProbeCalls.MaxCalls"/> and
/// <see cref="TimeLimit"/>; never changes the partner's data unless writes are asked for.
/// </summary>
public sealed class ProbeJob(ProbeStore probes, ConnectionStore connections, PeerCalls peers, OutboundTokens tokens, ConnectionProblems problems,
    PublicUrl urls, Modules.Versions.WireEdge edge, IEnumerable<Modules.Versions.IWireTranslator> translators, TimeProvider clock, ILogger<ProbeJob> logger)
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(3);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string connectionId, string probeId, CancellationToken ct)
    {
        var probe = await probes.FindAsync(connectionId, probeId, ct);
        var connection = await connections.FindAsync(connectionId, ct);
        if (probe is not { State: ProbeStates.Running } || connection is null) return;

        var run = await StartAsync(connection, probe, ct);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(TimeLimit);
        try
        {
            if (run is not null) await ChecksAsync(run, probe.Writes, bounded.Token);
        }
        catch (ProbeStoppedException e)
        {
            run!.Add("probe: bounds", "probe", ProbeResults.Warn, ProbeSpecs.Bounds, $"{e.Message}; the checks after that did not run");
        }
        catch (OperationCanceledException)
        {
            // Also when the platform shuts down mid-probe: the report says so rather than staying "running" for ever.
            run!.Add("probe: bounds", "probe", ProbeResults.Warn, ProbeSpecs.Bounds, ct.IsCancellationRequested
                ? "the platform stopped during the probe; the checks after that did not run"
                : $"the probe stopped at its time limit ({TimeLimit.TotalMinutes:0} minutes); the checks after that did not run");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Probe {ProbeId} of connection {OcpiConnectionId} stopped", probeId, connectionId);
            run!.Add("probe: error", "probe", ProbeResults.Fail, ProbeSpecs.Bounds, $"the probe stopped on an error of ours: {e.Message}");
        }
        var checks = run?.Checks ?? [new ProbeCheck("probe: connection", "probe", ProbeResults.Fail, ProbeSpecs.Bounds,
            $"the connection is {connection.State} {connection.Kind}; only a registered remote connection with a token can be probed")];
        await probes.FinishAsync(connectionId, probeId, clock.GetUtcNow().UtcDateTime, JsonSerializer.Serialize(checks, ProbeJson.Options), CancellationToken.None);
        logger.LogInformation("Probe {ProbeId} of connection {OcpiConnectionId} done after {Calls} calls: {Summary}", probeId, connectionId,
            run?.Calls.Calls ?? 0, ProbeSummary.Of(checks.ToList()));
    }

    private async Task<ProbeRun?> StartAsync(Connection connection, ProbeRow probe, CancellationToken ct)
    {
        if (connection is not { Kind: ConnectionKinds.Remote, State: ConnectionStates.Registered, OutboundToken: { } token, VersionsUrl: not null }) return null;
        var modules = probe.Modules is null ? null : JsonSerializer.Deserialize<List<string>>(probe.Modules);
        var calls = new ProbeCalls(peers, edge, connection, tokens.Unprotect(token), clock);
        // 2.2.1 is the model itself; 2.1.1 and 2.3.0 objects are judged as the edge reads them into it.
        var translator = connection.Version is null or OcpiVersions.V221 ? null : translators.FirstOrDefault(t => t.Version == connection.Version);
        return new ProbeRun(connection, calls, await connections.ParticipantsAsync(connection.Id, ct), await connections.RemotePartiesAsync(connection.Id, ct),
            modules, translator);
    }

    private async Task ChecksAsync(ProbeRun run, bool writes, CancellationToken ct)
    {
        // Each check applies the connection's version's rules: 2.3.0's transport, paging and routing are 2.2.1's; 2.1.1
        // has no request ids, routing headers, roles or 2004, and its objects are judged after translation (ProbeRun).
        await RecordedProblems.AddAsync(run, problems, ct);
        await ConfigurationChecks.RunAsync(run, ct);
        foreach (var sender in ProbedSender.All.Where(s => run.Wants(s.Module)))
            await SenderChecks.RunAsync(run, sender, ct);
        await ReceiverChecks.UnknownObjectsAsync(run, ct);
        await ReceiverChecks.AuthorizeAsync(run, ct);
        await ReceiverChecks.CommandAsync(run, urls, clock, ct);
        if (writes) await WriteChecks.RunAsync(run, clock, ct);
        else run.Skip("writes: PUT, read back, PATCH and retire a test object", "writes", ProbeSpecs.Writes, "writes not requested");
    }
}
