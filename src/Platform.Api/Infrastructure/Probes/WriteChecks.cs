using System.Text.Json;
using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>
/// Only with <c>"writes": true</c>, for a test party the partner agreed to: a test object of ours is PUT at the
/// partner's Receiver, read back through its GET, PATCHed and read back, then retired the way OCPI retires objects
/// (a location's EVSE <c>REMOVED</c>, a token <c>valid: false</c>; OCPI has no DELETE for either). Ids start with
/// <see cref="TestPrefix"/>. Each step runs only when the one before held.
/// </summary>
public static class WriteChecks
{
    public const string TestPrefix = "PROBE-TEST-";
    private const string Evse = "PROBE-E1";
    private const string Earlier = "an earlier write step did not hold";

    public static async Task RunAsync(ProbeRun run, TimeProvider clock, CancellationToken ct)
    {
        var before = run.Checks.Count;
        if (run.Wants(ModuleIds.Locations)) await LocationAsync(run, clock, ct);
        if (run.Wants(ModuleIds.Tokens)) await TokenAsync(run, clock, ct);
        if (run.Checks.Count == before)
            run.Skip("writes: PUT, read back, PATCH and retire a test object", "writes", ProbeSpecs.Writes,
                "writes requested, but no Receiver of the probed modules takes a test object (locations of a hosted CPO, tokens of a hosted eMSP)");
    }

    private static async Task LocationAsync(ProbeRun run, TimeProvider clock, CancellationToken ct)
    {
        const string m = ModuleIds.Locations;
        string[] names = ["writes: locations PUT and read back", "writes: locations EVSE PATCH and read back", "writes: locations EVSE marked REMOVED"];
        if (PeerEndpoints.Find(run.Connection, m, InterfaceRole.RECEIVER) is not { } receiver) return;
        if (run.Ours(Role.CPO) is not { } ours)
        {
            foreach (var name in names) run.Skip(name, m, ProbeSpecs.Writes, "no hosted CPO on this connection owns a location to write");
            return;
        }
        var (theirs, id) = (run.Theirs(Role.EMSP), TestId());
        var url = PeerEndpoints.Below(receiver, ours.CountryCode, ours.PartyId, id);
        var evseUrl = PeerEndpoints.Below(receiver, ours.CountryCode, ours.PartyId, id, Evse);
        string Now() => OcpiDateTime.Format(clock.GetUtcNow().UtcDateTime);

        var held = await StepAsync(run, names[0], m, HttpMethod.Put, url, TestLocation(ours, id, Now()), url, ours, theirs,
            read => ConfigurationChecks.Text(read, "id") == id ? null : $"the location read back has id {ConfigurationChecks.Text(read, "id")}, not {id}", ct);
        foreach (var (name, status) in new[] { (names[1], "OUTOFORDER"), (names[2], "REMOVED") })
            held = held
                ? await StepAsync(run, name, m, HttpMethod.Patch, evseUrl, new JsonObject { ["status"] = status, ["last_updated"] = Now() }, url, ours, theirs,
                    read => EvseStatus(read) == status ? null : $"the EVSE read back has status {EvseStatus(read) ?? "none"}, not {status}", ct)
                : Skipped(run, name, m);
    }

    private static async Task TokenAsync(ProbeRun run, TimeProvider clock, CancellationToken ct)
    {
        const string m = ModuleIds.Tokens;
        string[] names = ["writes: tokens PUT and read back", "writes: tokens invalidated (PATCH valid=false) and read back"];
        if (PeerEndpoints.Find(run.Connection, m, InterfaceRole.RECEIVER) is not { } receiver) return;
        if (run.Ours(Role.EMSP) is not { } ours)
        {
            foreach (var name in names) run.Skip(name, m, ProbeSpecs.Writes, "no hosted eMSP on this connection owns a token to write");
            return;
        }
        var (theirs, uid) = (run.Theirs(Role.CPO), TestId());
        // 2.1.1 token URLs name no type.
        var url = PeerEndpoints.Below(receiver, ours.CountryCode, ours.PartyId, uid) + (run.Is211 ? "" : "?type=APP_USER");
        string Now() => OcpiDateTime.Format(clock.GetUtcNow().UtcDateTime);
        // whitelist NEVER: even while valid, the test token needs a real-time authorization, which nobody grants it.
        var token = new JsonObject
        {
            ["country_code"] = ours.CountryCode, ["party_id"] = ours.PartyId, ["uid"] = uid, ["type"] = "APP_USER", ["contract_id"] = uid,
            ["issuer"] = "conformance probe", ["valid"] = true, ["whitelist"] = "NEVER", ["last_updated"] = Now(),
        };
        var held = await StepAsync(run, names[0], m, HttpMethod.Put, url, token, url, ours, theirs,
            read => ConfigurationChecks.Text(read, "uid") == uid ? null : $"the token read back has uid {ConfigurationChecks.Text(read, "uid")}, not {uid}", ct);
        if (!held)
        {
            Skipped(run, names[1], m);
            return;
        }
        await StepAsync(run, names[1], m, HttpMethod.Patch, url, new JsonObject { ["valid"] = false, ["last_updated"] = Now() }, url, ours, theirs,
            read => read.TryGetProperty("valid", out var valid) && valid.ValueKind == JsonValueKind.False ? null : "the token read back is still valid", ct);
    }

    /// <summary>One write, then a GET of the object: held when both succeed and the object read back shows the write.</summary>
    private static async Task<bool> StepAsync(ProbeRun run, string name, string module, HttpMethod method, string url, JsonObject body, string readUrl,
        PartyRef ours, PartyRef? theirs, Func<JsonElement, string?> readBackProblem, CancellationToken ct)
    {
        var written = await run.Calls.SendAsync(method, url, body, ours, theirs, ct);
        if (!written.IsSuccess)
        {
            run.Fail(name, module, ProbeSpecs.Writes, $"the {method} answered {written.Outcome}", written);
            return false;
        }
        var read = await run.Calls.GetAsync(readUrl, ours, theirs, ct);
        var problem = !read.IsSuccess ? $"reading it back answered {read.Outcome}"
            : read.Data.ValueKind != JsonValueKind.Object ? $"reading it back gave a JSON {ConfigurationChecks.Kind(read.Data)}, not the object"
            : readBackProblem(read.Data);
        run.Judge(name, module, ProbeSpecs.Writes, problem, $"{method} accepted ({written.Outcome}) and read back", read);
        return problem is null;
    }

    private static bool Skipped(ProbeRun run, string name, string module)
    {
        run.Skip(name, module, ProbeSpecs.Writes, Earlier);
        return false;
    }

    private static string TestId() => ProbeCalls.NewId(TestPrefix);

    private static string? EvseStatus(JsonElement location) =>
        location.TryGetProperty("evses", out var evses) && evses.ValueKind == JsonValueKind.Array
            ? evses.EnumerateArray().Where(e => ConfigurationChecks.Text(e, "uid") == Evse).Select(e => ConfigurationChecks.Text(e, "status")).FirstOrDefault()
            : null;

    /// <summary>Unpublished, so a receiver that shows locations to drivers keeps it to itself; with the postal code 2.1.1 requires.</summary>
    private static JsonObject TestLocation(PartyRef owner, string id, string now) => new()
    {
        ["country_code"] = owner.CountryCode, ["party_id"] = owner.PartyId, ["id"] = id, ["publish"] = false,
        ["name"] = "Conformance probe test location", ["address"] = "Test address 1", ["city"] = "Test", ["postal_code"] = "1000 AA", ["country"] = "NLD",
        ["coordinates"] = new JsonObject { ["latitude"] = "52.000000", ["longitude"] = "5.000000" },
        ["time_zone"] = "Europe/Amsterdam", ["last_updated"] = now,
        ["evses"] = new JsonArray(new JsonObject
        {
            ["uid"] = Evse, ["status"] = "AVAILABLE", ["last_updated"] = now,
            ["connectors"] = new JsonArray(new JsonObject
            {
                ["id"] = "1", ["standard"] = "IEC_62196_T2", ["format"] = "SOCKET", ["power_type"] = "AC_3_PHASE",
                ["max_voltage"] = 230, ["max_amperage"] = 16, ["last_updated"] = now,
            }),
        }),
    };
}
