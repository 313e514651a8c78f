using System.Text.Json;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.Commands;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>
/// The peer's Receiver interfaces, read-only: a GET of an object that cannot exist must answer "unknown"; a
/// real-time authorization of an unknown token must answer 404/2004 (2.1.1: 404 with a 2xxx); START_SESSION at a
/// location that cannot exist must be refused, with a CommandResponse that carries <c>timeout</c> (not in 2.1.1). Ids
/// start with <see cref="UnknownPrefix"/> and a random part, so they never match a real object.
/// </summary>
public static class ReceiverChecks
{
    public const string UnknownPrefix = "PROBE-NONE-";

    /// <summary>Modules whose Receiver has a GET of one object, and the role that owns their objects.</summary>
    private static readonly (string Module, Role Owner, int UnknownCode)[] Readable =
    [
        (ModuleIds.Locations, Role.CPO, OcpiStatus.UnknownLocation), (ModuleIds.Sessions, Role.CPO, OcpiStatus.ClientError),
        (ModuleIds.Tariffs, Role.CPO, OcpiStatus.ClientError), (ModuleIds.Tokens, Role.EMSP, OcpiStatus.UnknownToken),
    ];

    public static string UnknownId() => ProbeCalls.NewId(UnknownPrefix);

    public static async Task UnknownObjectsAsync(ProbeRun run, CancellationToken ct)
    {
        foreach (var (m, owner, unknown) in Readable.Where(r => run.Wants(r.Module)))
        {
            // 2.1.1 has no 2004 Unknown Token: only the HTTP 404 says so there.
            var code = run.Is211 && unknown == OcpiStatus.UnknownToken ? OcpiStatus.ClientError : unknown;
            if (PeerEndpoints.Find(run.Connection, m, InterfaceRole.RECEIVER) is not { } url) continue;
            var name = $"{m}: GET of an unknown object answers unknown";
            if (run.Ours(owner) is not { } ours)
            {
                run.Skip(name, m, ProbeSpecs.UnknownObject, $"no hosted {owner} on this connection owns {m} to ask for");
                continue;
            }
            var objectUrl = PeerEndpoints.Below(url, ours.CountryCode, ours.PartyId, UnknownId()) + (m == ModuleIds.Tokens ? TokenType(run) : "");
            var answer = await run.Calls.GetAsync(objectUrl, ours, run.Theirs(owner == Role.CPO ? Role.EMSP : Role.CPO), ct);
            var unknownCodes = code == OcpiStatus.ClientError ? "" : $" or status {code}";
            if (answer.Unreachable is not null || answer.HttpStatus >= 500)
                run.Fail(name, m, ProbeSpecs.UnknownObject, $"answered {answer.Outcome}", answer);
            else if (answer.IsSuccess)
                run.Fail(name, m, ProbeSpecs.UnknownObject,
                    $"answered {answer.Outcome} with data {ConfigurationChecks.Kind(answer.Data)} for an object that does not exist: it must answer HTTP 404{unknownCodes}", answer);
            else if (answer.HttpStatus == 404 || answer.StatusCode == code && code != OcpiStatus.ClientError)
                run.Pass(name, m, ProbeSpecs.UnknownObject, $"answered {answer.Outcome}", answer);
            else
                run.Add(name, m, ProbeResults.Warn, ProbeSpecs.UnknownObject, $"answered {answer.Outcome}; the spec asks for HTTP 404{unknownCodes}", answer);
        }
    }

    /// <summary>The <c>?type</c> a token URL names in 2.2.1; 2.1.1 token URLs have none (one token type space).</summary>
    private static string TokenType(ProbeRun run) => run.Is211 ? "" : "?type=RFID";

    /// <summary>
    /// We are the CPO: the eMSP's real-time authorization of a token it never issued. 2.2.1: HTTP 404 with 2004;
    /// 2.1.1 has no 2004, so HTTP 404 with an envelope of a client error (2xxx) says "unknown" there.
    /// </summary>
    public static async Task AuthorizeAsync(ProbeRun run, CancellationToken ct)
    {
        if (!run.Wants(ModuleIds.Tokens) || PeerEndpoints.Find(run.Connection, ModuleIds.Tokens, InterfaceRole.SENDER) is not { } url) return;
        const string name = "tokens: authorize of an unknown token answers 404/2004";
        if (run.Ours(Role.CPO) is not { } ours)
        {
            run.Skip(name, ModuleIds.Tokens, ProbeSpecs.Authorize, "no hosted CPO on this connection to authorize as");
            return;
        }
        var answer = await run.Calls.SendAsync(HttpMethod.Post, PeerEndpoints.Below(url, UnknownId(), "authorize") + TokenType(run), null, ours,
            run.Theirs(Role.EMSP), ct);
        var (notFound, unknown) = (answer.HttpStatus == 404,
            run.Is211 ? answer.StatusCode is >= 2000 and < 3000 : answer.StatusCode == OcpiStatus.UnknownToken);
        var result = notFound && unknown ? ProbeResults.Pass
            : (notFound || unknown) && !answer.IsSuccess ? ProbeResults.Warn
            : ProbeResults.Fail;
        var rule = run.Is211 ? "HTTP 404 with an OCPI envelope of a client error (2xxx)" : "HTTP 404 with status 2004";
        run.Add(name, ModuleIds.Tokens, result, ProbeSpecs.Authorize,
            result == ProbeResults.Pass ? $"answered {answer.Outcome}" : $"answered {answer.Outcome}; an unknown token must get {rule}", answer);
    }

    /// <summary>
    /// We are the eMSP: START_SESSION at a location that cannot exist. Sent straight through the probe's calls, not
    /// through the command store, so no hosted eMSP ever shows it as a command; its response_url names an id no
    /// command has, so a result the peer posts anyway is refused as unknown (and recorded as a problem).
    /// </summary>
    public static async Task CommandAsync(ProbeRun run, PublicUrl urls, TimeProvider clock, CancellationToken ct)
    {
        if (!run.Wants(ModuleIds.Commands) || PeerEndpoints.Find(run.Connection, ModuleIds.Commands, InterfaceRole.RECEIVER) is not { } url) return;
        const string refused = "commands: START_SESSION at an unknown location is refused";
        const string timeout = "commands: CommandResponse carries timeout";
        if (run.Ours(Role.EMSP) is not { } ours)
        {
            run.Skip(refused, ModuleIds.Commands, ProbeSpecs.CommandUnknownLocation, "no hosted eMSP on this connection to send a command as");
            run.Skip(timeout, ModuleIds.Commands, ProbeSpecs.CommandTimeout, "no hosted eMSP on this connection to send a command as");
            return;
        }
        var id = UnknownId();
        var body = new JsonObject
        {
            ["response_url"] = $"{urls.Of(CommandsModule.Sender, run.Version)}/START_SESSION/{id.ToLowerInvariant()}",
            ["token"] = new JsonObject
            {
                ["country_code"] = ours.CountryCode, ["party_id"] = ours.PartyId, ["uid"] = id, ["type"] = "APP_USER", ["contract_id"] = id,
                ["issuer"] = "conformance probe", ["valid"] = false, ["whitelist"] = "NEVER",
                ["last_updated"] = OcpiDateTime.Format(clock.GetUtcNow().UtcDateTime),
            },
            ["location_id"] = id,
        };
        var answer = await run.Calls.SendAsync(HttpMethod.Post, PeerEndpoints.Below(url, "START_SESSION"), body, ours, run.Theirs(Role.CPO), ct);
        var response = answer.Data.ValueKind == JsonValueKind.Object ? answer.Data : (JsonElement?)null;
        var result = response is { } r ? ConfigurationChecks.Text(r, "result") : null;
        if (answer.StatusCode == OcpiStatus.UnknownLocation || result == "REJECTED")
            run.Pass(refused, ModuleIds.Commands, ProbeSpecs.CommandUnknownLocation, $"answered {answer.Outcome}, result {result ?? "none"}", answer);
        else if (result == "ACCEPTED")
            run.Fail(refused, ModuleIds.Commands, ProbeSpecs.CommandUnknownLocation,
                $"answered {answer.Outcome} with ACCEPTED for a location that does not exist (its result, if any, is refused as unknown)", answer);
        else
            run.Add(refused, ModuleIds.Commands, answer.Unreachable is null && answer.HttpStatus < 500 ? ProbeResults.Warn : ProbeResults.Fail,
                ProbeSpecs.CommandUnknownLocation, $"answered {answer.Outcome}, result {result ?? "none"}; the spec asks for status 2003 or REJECTED", answer);

        if (run.Is211)
            run.Skip(timeout, ModuleIds.Commands, ProbeSpecs.CommandTimeout,
                "the OCPI 2.1.1 CommandResponse has no timeout (only result; the result comes back as a CommandResponse too)");
        else if (response is not { } commandResponse)
            run.Skip(timeout, ModuleIds.Commands, ProbeSpecs.CommandTimeout, $"the answer ({answer.Outcome}) holds no CommandResponse to inspect");
        else
            run.Judge(timeout, ModuleIds.Commands, ProbeSpecs.CommandTimeout,
                commandResponse.TryGetProperty("timeout", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var seconds) && seconds >= 0
                    ? null : "the CommandResponse has no timeout (a whole number of seconds): the eMSP cannot tell how long to wait for the result",
                "timeout present", answer);
    }
}
