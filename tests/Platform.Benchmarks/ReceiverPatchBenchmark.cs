using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Benchmarks;

/// <summary>
/// P1: a CPO's EVSE status PATCHes into a hosted eMSP's Receiver through the whole pipeline (token auth, routing
/// headers, validation, SQLite write in a transaction), against a bare endpoint answering the same envelope.
/// </summary>
public static class ReceiverPatchBenchmark
{
    public const double TargetRatio = 0.40;
    public const double TargetP99Ms = 10;
    public const double TargetGetRatio = 0.60;

    private static readonly string[] Statuses = ["AVAILABLE", "CHARGING", "BLOCKED", "OUTOFORDER"];

    public static async Task<BenchResult> RunAsync(BenchOptions options)
    {
        Console.WriteLine("P1: setting up a CPO platform (NL*CPO) and an eMSP platform (DE*MSP), registered with each other...");
        await using var cpo = await BenchPlatform.StartAsync("p1-cpo", options);
        await using var emsp = await BenchPlatform.StartAsync("p1-emsp", options);
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        var (_, cpoConnection) = await BenchPlatform.ConnectAsync(emsp, ["DE*MSP"], cpo, ["NL*CPO"]);
        var token = await cpo.HeldTokenAsync(cpoConnection);

        using var http = LoadRunner.CreateClient(options.Workers);
        var uids = Enumerable.Range(1, options.Evses).Select(i => $"EVSE{i:000}").ToArray();
        var locationUrl = $"{emsp.Url}/ocpi/2.2.1/receiver/locations/NL/CPO/LOC1";
        await SendOnceAsync(http, Request(HttpMethod.Put, locationUrl, token, Location("LOC1", uids).ToJsonString()), "PUT of the location");
        var envelope = await SendOnceAsync(http, PatchRequest(locationUrl, token, uids), "First PATCH");

        await using var bare = await BareEndpoint.StartAsync(envelope);
        var bareUrl = $"{bare.Url}/ocpi/2.2.1/receiver/locations/NL/CPO/LOC1";

        Console.WriteLine($"P1: {options.Workers} workers, {options.WarmupSeconds} s warm-up + {options.DurationSeconds} s measured per target");
        var targets = new (string Name, Func<HttpRequestMessage> Make)[]
        {
            ("bare minimal API, same envelope (baseline)", () => PatchRequest(bareUrl, token, uids)),
            ("full pipeline: receiver EVSE status PATCH", () => PatchRequest(locationUrl, token, uids)),
            ("diagnostic: full pipeline GET of the EVSE (no write)", () =>
                Request(HttpMethod.Get, $"{locationUrl}/{uids[Random.Shared.Next(uids.Length)]}", token, body: null)),
        };
        if (options.Spread > 0)
        {
            // A network's status changes seldom fall on one location twice in a group, so each PATCH writes its own
            // location's document; the judged target's PATCHes all share one.
            var spread = Enumerable.Range(1, options.Spread).Select(i => $"{emsp.Url}/ocpi/2.2.1/receiver/locations/NL/CPO/SPREAD{i:0000}").ToArray();
            for (var i = 0; i < spread.Length; i++)
                await SendOnceAsync(http, Request(HttpMethod.Put, spread[i], token, Location($"SPREAD{i + 1:0000}", uids).ToJsonString()), "PUT of a spread location");
            targets = [.. targets, ($"diagnostic: the same PATCH spread over {spread.Length} locations", () =>
                PatchRequest(spread[Random.Shared.Next(spread.Length)], token, uids))];
        }
        if (options.Only is { } only)
        {
            targets = targets.Where(t => t.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (targets.Length == 0) throw new ArgumentException($"--only {only}: no P1 target's name contains it");
        }
        var warmed = await LoadRunner.WarmAsync(http, targets.Select(t => t.Make).ToList(), options, longest: options.Smoke ? 2 : options.Quick ? 15 : 30);
        Console.WriteLine("P1: " + warmed);
        var results = await LoadRunner.RunInTurnsAsync(targets, http, options, announce: "P1: running ");

        var table = Report.LoadTable(
            $"P1 receiver EVSE status PATCH: {options.Workers} workers, {options.DurationSeconds:0.#} s in {LoadRunner.Turns(options)} turns (each after {options.WarmupSeconds:0.#} s warm-up), "
            + $"one location of {options.Evses} EVSEs, log level {options.LogLevel}, telemetry {options.Telemetry}, data in {options.DataDirectory}; {warmed}",
            results);
        if (options.Only is not null)
        {
            var alone = string.Join(", ", results.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Name}: {r.RequestsPerSecond:0} req/s, CPU {r.CpuMsPerRequest:0.000} ms/req")));
            return new BenchResult(table, [new SummaryRow("P1", "receiver EVSE status PATCH, targets measured alone", "–", "–", alone.Replace('|', '/'), "–", false,
                Unjudged: $"not judged (--only {options.Only})")]);
        }
        var (bareRun, full, get) = (results[0], results[1], results[2]);
        var ratio = full.RequestsPerSecond / bareRun.RequestsPerSecond;
        var getRatio = get.RequestsPerSecond / bareRun.RequestsPerSecond;
        var p99 = full.PercentileMs(99);
        var verdict = string.Create(CultureInfo.InvariantCulture,
            $"""
            Target full/bare rps >= {TargetRatio:P0}: {(ratio >= TargetRatio ? "MET" : "NOT MET")} ({ratio:P1})
            Target full p99 <= {TargetP99Ms} ms: {(p99 <= TargetP99Ms ? "MET" : "NOT MET")} ({p99:0.0} ms)
            Target GET/bare rps >= {TargetGetRatio:P0}: {(getRatio >= TargetGetRatio ? "MET" : "NOT MET")} ({getRatio:P1})
            """);
        var note = options.Quick || options.Smoke ? $"{options.Mode}: {options.DurationSeconds:0.#} s per target, in {LoadRunner.Turns(options)} turns" : null;
        var bareFigure = Report.F(bareRun.RequestsPerSecond, "0") + " req/s";
        var rows = new[]
        {
            new SummaryRow("P1", "receiver EVSE status PATCH, whole pipeline vs bare endpoint, " + options.Workers + " workers",
                $">= {TargetRatio:P0} of bare req/s, p99 <= {TargetP99Ms} ms", bareFigure,
                string.Create(CultureInfo.InvariantCulture, $"{full.RequestsPerSecond:0} req/s, p99 {p99:0.0} ms, {full.Errors} errors; CPU/req ratio {bareRun.CpuMsPerRequest / full.CpuMsPerRequest:0.00}"),
                Report.F(ratio, "0.00"), ratio >= TargetRatio && p99 <= TargetP99Ms && full.Errors == 0 && full.Requests > 0, note),
            new SummaryRow("P1b", "GET of that EVSE through the pipeline (no write) vs bare", $">= {TargetGetRatio:P0} of bare req/s", bareFigure,
                string.Create(CultureInfo.InvariantCulture, $"{get.RequestsPerSecond:0} req/s, p99 {get.PercentileMs(99):0.0} ms, {get.Errors} errors; CPU/req ratio {bareRun.CpuMsPerRequest / get.CpuMsPerRequest:0.00}"),
                Report.F(getRatio, "0.00"), getRatio >= TargetGetRatio && get.Errors == 0 && get.Requests > 0, note),
        };
        return new BenchResult(table + verdict + Environment.NewLine, rows);
    }

    private static HttpRequestMessage PatchRequest(string locationUrl, string token, string[] uids)
    {
        var uid = uids[Random.Shared.Next(uids.Length)];
        var status = Statuses[Random.Shared.Next(Statuses.Length)];
        var body = $$"""{"status":"{{status}}","last_updated":"{{Now()}}"}""";
        return Request(HttpMethod.Patch, $"{locationUrl}/{uid}", token, body);
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string token, string? body) =>
        BenchRequests.FromCpo(method, url, token, "MSP", body);

    private static async Task<byte[]> SendOnceAsync(HttpClient http, HttpRequestMessage request, string what)
    {
        using (request)
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var text = Encoding.UTF8.GetString(body);
            if (!response.IsSuccessStatusCode || !text.Contains("\"status_code\":1000", StringComparison.Ordinal))
                throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {text}");
            return body;
        }
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // The shape of the integration tests' Builders.Location: a valid 2.2.1 Location, one AC connector per EVSE.
    private static JsonObject Location(string id, string[] evseUids) => new()
    {
        ["country_code"] = "NL",
        ["party_id"] = "CPO",
        ["id"] = id,
        ["publish"] = true,
        ["name"] = $"Location {id}",
        ["address"] = "Stationsplein 1",
        ["city"] = "Utrecht",
        ["postal_code"] = "3511 ED",
        ["country"] = "NLD",
        ["coordinates"] = new JsonObject { ["latitude"] = "52.090100", ["longitude"] = "5.109600" },
        ["evses"] = new JsonArray(evseUids.Select(uid => (JsonNode)new JsonObject
        {
            ["uid"] = uid,
            ["evse_id"] = $"NL*CPO*E{uid}",
            ["status"] = "AVAILABLE",
            ["connectors"] = new JsonArray(new JsonObject
            {
                ["id"] = "1",
                ["standard"] = "IEC_62196_T2",
                ["format"] = "SOCKET",
                ["power_type"] = "AC_3_PHASE",
                ["max_voltage"] = 230,
                ["max_amperage"] = 16,
                ["last_updated"] = Now(),
            }),
            ["last_updated"] = Now(),
        }).ToArray()),
        ["time_zone"] = "Europe/Amsterdam",
        ["last_updated"] = Now(),
    };
}
