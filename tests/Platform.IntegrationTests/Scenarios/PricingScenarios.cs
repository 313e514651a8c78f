using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Modules;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// Money end to end (issue 20): a CPO instance with a tariff on its connector, START/STOP through the simulator gives
/// a priced CDR that the eMSP instance audits as a match; an overcharged CDR is a mismatch with the difference shown;
/// a tariff changed after a session does not make its CDR look wrong; estimates; and who may ask.
/// </summary>
public sealed class PricingScenarios
{
    private const string Cpo = "NL*CPO";
    private const string Emsp = "DE*MSP";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Tariff(string id, decimal perKwh, string lastUpdated) => new()
    {
        ["country_code"] = "NL", ["party_id"] = "CPO", ["id"] = id, ["currency"] = "EUR",
        ["elements"] = new JsonArray(new JsonObject
        {
            ["price_components"] = new JsonArray(new JsonObject { ["type"] = "ENERGY", ["price"] = perKwh, ["vat"] = 10, ["step_size"] = 1 }),
        }),
        ["last_updated"] = lastUpdated,
    };

    private static async Task PublishTariffAsync(CpoAndEmsp net, JsonObject tariff)
    {
        var response = await net.Cpo.Admin.PutAsJsonAsync($"/admin/parties/NL/CPO/cpo/tariffs/{tariff["id"]}", tariff, Ct);
        Assert.True(response.IsSuccessStatusCode, $"PUT tariff: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        var version = Utc((string)tariff["last_updated"]!);
        await Scenario.Eventually(async () => (await net.Emsp.ReceivedAsync(Emsp, "tariffs")).Any(t =>
                (string?)t!["id"] == (string?)tariff["id"] && (Utc((string)t["last_updated"]!) - version).Duration() < TimeSpan.FromSeconds(1)),
            $"the eMSP holds tariff {tariff["id"]} of {tariff["last_updated"]}");
    }

    private static DateTime Utc(string dateTime) =>
        DateTime.Parse(dateTime, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

    private static async Task<JsonObject?> ReceivedCdrAsync(CpoAndEmsp net, string id, string query = "") =>
        JsonNode.Parse(await net.Emsp.Admin.GetStringAsync($"/admin/parties/DE/MSP/emsp/cdrs{query}", Ct))!.AsArray()
            .OfType<JsonObject>().FirstOrDefault(c => (string?)c["id"] == id);

    private static async Task<JsonObject> AuditedCdrAsync(CpoAndEmsp net, string id)
    {
        JsonObject? cdr = null;
        await Scenario.Eventually(async () => (cdr = await ReceivedCdrAsync(net, id)) is not null, $"the eMSP holds CDR {id}");
        return cdr!;
    }

    [Fact]
    public async Task The_simulators_CDR_is_priced_from_the_connector_tariff_and_the_emsp_audits_it_as_a_match()
    {
        await using var net = await CpoAndEmsp.StartAsync();
        net.Cpo.Configure("ChargePoints:Simulator:DelayMilliseconds", "300");
        await PublishTariffAsync(net, Tariff("T025", 0.25m, Builders.Now));
        var location = Builders.Location("NL", "CPO", "LOC1");
        location["evses"]![0]!["connectors"]![0]!["tariff_ids"] = new JsonArray("T025");
        await net.Cpo.PublishLocationAsync(Cpo, location);
        await Scenario.Eventually(async () => (await net.Emsp.ReceivedLocationAsync(Emsp, "LOC1")) is not null, "the eMSP holds LOC1");

        var start = await net.Emsp.SendCommandAsync(Emsp, "START_SESSION", CommandSteps.StartSession(Cpo, Emsp, "LOC1"));
        await net.Emsp.CommandInStateAsync(Emsp, start, "result_received");
        string sessionId = "";
        await Scenario.Eventually(async () =>
        {
            var session = (await net.Emsp.ReceivedAsync(Emsp, "sessions")).OfType<JsonObject>().FirstOrDefault();
            sessionId = (string?)session?["id"] ?? "";
            return session is not null;
        }, "the session reaches the eMSP");
        var stop = await net.Emsp.SendCommandAsync(Emsp, "STOP_SESSION", new JsonObject { ["cpo"] = Cpo, ["session_id"] = sessionId });
        await net.Emsp.CommandInStateAsync(Emsp, stop, "result_received");

        var cdr = await AuditedCdrAsync(net, sessionId);
        Assert.Equal("T025", (string?)cdr["tariffs"]![0]!["id"]);
        Assert.All(cdr["charging_periods"]!.AsArray(), p => Assert.Equal("T025", (string?)p!["tariff_id"]));
        var energy = (decimal)cdr["total_energy"]!;
        Assert.Equal(Math.Round(energy * 0.25m, 2, MidpointRounding.AwayFromZero), (decimal)cdr["total_cost"]!["excl_vat"]!);
        Assert.Equal("match", (string?)cdr["audit"]!["result"]);
        Assert.NotNull(await ReceivedCdrAsync(net, sessionId, "?audit=match"));
        Assert.Null(await ReceivedCdrAsync(net, sessionId, "?audit=mismatch"));
    }

    [Fact]
    public async Task A_CDR_overcharged_by_10_percent_is_a_mismatch_showing_expected_and_charged()
    {
        await using var net = await CpoAndEmsp.StartAsync();
        await PublishTariffAsync(net, Tariff("T1", 0.25m, "2026-11-01T00:00:00Z"));
        var cdr = Builders.Cdr(Cpo, "OVER1", Emsp, cost: 2.75m);   // 10 kWh at 0.25 is 2.50
        cdr["charging_periods"]![0]!["tariff_id"] = "T1";
        cdr["total_cost"] = new JsonObject { ["excl_vat"] = 2.75m, ["incl_vat"] = 3.03m };
        await net.Cpo.RecordCdrAsync(Cpo, cdr);

        var audit = (await AuditedCdrAsync(net, "OVER1"))["audit"]!;
        Assert.Equal("mismatch", (string?)audit["result"]);
        Assert.Equal(2.50m, (decimal)audit["expected"]!["total_cost"]!["excl_vat"]!);
        Assert.Equal(2.75m, (decimal)audit["charged"]!["total_cost"]!["excl_vat"]!);
        var difference = audit["differences"]!.AsArray().Single(d => (string?)d!["field"] == "total_cost.excl_vat")!;
        Assert.Equal(0.25m, (decimal)difference["difference"]!);
        Assert.NotNull(await ReceivedCdrAsync(net, "OVER1", "?audit=mismatch"));
        Assert.Null(await ReceivedCdrAsync(net, "OVER1", "?audit=match"));
    }

    [Fact]
    public async Task A_tariff_changed_after_the_session_does_not_make_its_CDR_look_wrong()
    {
        await using var net = await CpoAndEmsp.StartAsync();
        await PublishTariffAsync(net, Tariff("T1", 0.25m, "2026-11-01T00:00:00Z"));
        await PublishTariffAsync(net, Tariff("T1", 0.40m, "2026-11-27T00:00:00Z"));   // the day after the session below

        var cdr = Builders.Cdr(Cpo, "OLD1", Emsp, cost: 2.50m);   // 10 kWh on 2026-11-26 at the price of then
        cdr["charging_periods"]![0]!["tariff_id"] = "T1";
        cdr["total_cost"] = new JsonObject { ["excl_vat"] = 2.50m, ["incl_vat"] = 2.75m };
        await net.Cpo.RecordCdrAsync(Cpo, cdr);
        var audit = (await AuditedCdrAsync(net, "OLD1"))["audit"]!;
        Assert.Equal("match", (string?)audit["result"]);
        Assert.Equal("2026-11-01T00:00:00Z", (string?)audit["tariffs"]![0]!["last_updated"]);

        // A session from before any version we hold: which price applied is not known here.
        var older = Builders.Cdr(Cpo, "OLDER1", Emsp, cost: 2.50m);
        older["start_date_time"] = "2026-10-01T08:00:00Z";
        older["charging_periods"]![0]!["start_date_time"] = "2026-10-01T08:00:00Z";
        older["charging_periods"]![0]!["tariff_id"] = "T1";
        await net.Cpo.RecordCdrAsync(Cpo, older);
        var unverifiable = (await AuditedCdrAsync(net, "OLDER1"))["audit"]!;
        Assert.Equal("unverifiable", (string?)unverifiable["result"]);
        Assert.Contains("changed after the session", (string?)unverifiable["reason"]);
        Assert.NotNull(await ReceivedCdrAsync(net, "OLDER1", "?audit=unverifiable"));
    }

    [Fact]
    public async Task A_CDR_naming_an_unknown_tariff_is_unverifiable_with_the_reason()
    {
        await using var net = await CpoAndEmsp.StartAsync();
        var cdr = Builders.Cdr(Cpo, "UNK1", Emsp);
        cdr["charging_periods"]![0]!["tariff_id"] = "NOPE";
        await net.Cpo.RecordCdrAsync(Cpo, cdr);
        var audit = (await AuditedCdrAsync(net, "UNK1"))["audit"]!;
        Assert.Equal("unverifiable", (string?)audit["result"]);
        Assert.Contains("NOPE is unknown", (string?)audit["reason"]);
    }

    [Fact]
    public async Task Estimates_price_a_planned_session_for_the_emsp_and_for_the_cpo()
    {
        await using var net = await CpoAndEmsp.StartAsync();
        await PublishTariffAsync(net, Tariff("T025", 0.25m, Builders.Now));
        var plan = new { start_date_time = Builders.Now, energy_kwh = 10, duration_minutes = 60, parking_minutes = 0, max_power_kw = 11 };

        foreach (var (instance, path) in new[] { (net.Emsp, "/admin/parties/DE/MSP/emsp/tariffs/NL/CPO/T025/estimate"), (net.Cpo, "/admin/parties/NL/CPO/cpo/tariffs/T025/estimate") })
        {
            var response = await instance.Admin.PostAsJsonAsync(path, plan, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
            var estimate = JsonNode.Parse(text)!;
            Assert.Equal(2.50m, (decimal)estimate["total_cost"]!["excl_vat"]!);
            Assert.Equal(2.75m, (decimal)estimate["total_cost"]!["incl_vat"]!);
            Assert.Equal(2.50m, (decimal)estimate["total_energy_cost"]!["excl_vat"]!);
            Assert.NotEmpty(estimate["lines"]!.AsArray());
        }

        var invalid = await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/tariffs/NL/CPO/T025/estimate",
            new { start_date_time = Builders.Now, energy_kwh = -1, duration_minutes = 60 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("energy_kwh", await invalid.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Estimates_and_audited_cdrs_are_refused_to_other_tenants_and_to_callers_without_the_admin_key()
    {
        await using var net = await CpoAndEmsp.StartAsync();
        await net.Emsp.CreatePartyAsync("DE", "XYZ", "EMSP");   // hosted on the same platform, connected to no one
        await PublishTariffAsync(net, Tariff("T1", 0.25m, "2026-11-01T00:00:00Z"));
        var cdr = Builders.Cdr(Cpo, "C1", Emsp, cost: 2.50m);
        cdr["charging_periods"]![0]!["tariff_id"] = "T1";
        await net.Cpo.RecordCdrAsync(Cpo, cdr);
        await AuditedCdrAsync(net, "C1");
        var plan = new { start_date_time = Builders.Now, energy_kwh = 10, duration_minutes = 60 };

        var other = await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/XYZ/emsp/tariffs/NL/CPO/T1/estimate", plan, Ct);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Empty(JsonNode.Parse(await net.Emsp.Admin.GetStringAsync("/admin/parties/DE/XYZ/emsp/cdrs?audit=match", Ct))!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await net.Emsp.Admin.GetAsync("/admin/parties/DE/XYZ/emsp/cdrs/C1", Ct)).StatusCode);
        // An eMSP path cannot reach the CPO's own tariffs, nor a CPO path on a party without the CPO role.
        Assert.Equal(HttpStatusCode.NotFound, (await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/cpo/tariffs/T1/estimate", plan, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await net.Emsp.Admin.GetAsync("/admin/parties/DE/MSP/emsp/cdrs?audit=maybe", Ct)).StatusCode);

        using var anonymous = new HttpClient { BaseAddress = new Uri(net.Emsp.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/tariffs/NL/CPO/T1/estimate", plan, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/admin/parties/DE/MSP/emsp/cdrs?audit=match", Ct)).StatusCode);
        using var anonymousCpo = new HttpClient { BaseAddress = new Uri(net.Cpo.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymousCpo.PostAsJsonAsync("/admin/parties/NL/CPO/cpo/tariffs/T1/estimate", plan, Ct)).StatusCode);
    }
}
