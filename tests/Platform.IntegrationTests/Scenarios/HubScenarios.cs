using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Modules;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// Platforms that reach each other through a Hub (topology 7), and through a Hub and directly at once (topology 8).
/// The Hub is the test project's own (<see cref="TestHub"/>), not a platform instance.
/// </summary>
public sealed class HubScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<bool> Holds(PlatformInstance instance, string party, string module, string id) =>
        (await instance.ReceivedAsync(party, module)).Any(o => (string?)o!["id"] == id);

    private static async Task WaitForClientsAsync(PlatformInstance instance, string connectionId, params string[] parties) =>
        await Scenario.Eventually(async () =>
        {
            var clients = await instance.HubClientsAsync(connectionId);
            return parties.All(p => clients.TryGetValue(p, out var status) && status == "CONNECTED");
        }, $"the Hub reports {string.Join(", ", parties)} CONNECTED");

    [Fact]
    public async Task Topology7_two_multi_role_platforms_roam_only_through_the_hub_with_correct_headers_both_ways()
    {
        await using var hub = await TestHub.StartAsync();
        await using var one = await PlatformInstance.StartAsync();
        await using var two = await PlatformInstance.StartAsync();
        await one.CreatePartyAsync("NL", "CP1", "CPO");
        await one.CreatePartyAsync("NL", "MS1", "EMSP");
        await one.CreatePartyAsync("NL", "OUT", "CPO");
        await two.CreatePartyAsync("DE", "CP2", "CPO");
        await two.CreatePartyAsync("DE", "MS2", "EMSP");
        var oneAtHub = await one.RegisterWithHubAsync(hub, "NL*CP1", "NL*MS1");
        var twoAtHub = await two.RegisterWithHubAsync(hub, "DE*CP2", "DE*MS2");
        await WaitForClientsAsync(one, oneAtHub, "DE*CP2", "DE*MS2");
        await WaitForClientsAsync(two, twoAtHub, "NL*CP1", "NL*MS1");
        Assert.Equal(["HUB"], (await one.ConnectionAsync(oneAtHub))["remote_parties"]!.AsArray()
            .Where(r => (string?)r!["source"] == "credentials").Select(r => (string)r!["role"]!));

        // Locations and tariffs: broadcast once to the Hub, which gives them to every CONNECTED eMSP once.
        await one.PublishLocationAsync("NL*CP1", Builders.Location("NL", "CP1", "LOC-1"));
        await Scenario.Eventually(() => Holds(two, "DE*MS2", "locations", "LOC-1"), "LOC-1 reaches DE*MS2 through the hub");
        // The hub records a forward once the receiver has answered it, which can be after the receiver shows what it stored.
        await Scenario.Eventually(() => Task.FromResult(hub.Forwards.Any(f => f.Broadcast && f.PathIn.Contains("LOC-1"))), "the hub records its broadcast of LOC-1");
        var broadcast = hub.Forwards.Where(f => f.Broadcast && f.PathIn.Contains("LOC-1")).ToList();
        Assert.Equal(["DE*MS2"], broadcast.Select(f => f.To));
        Assert.Equal("NL*HUB", broadcast[0].From);

        // A session and its CDR are directed to the eMSP of the token: from = our CPO, to = that eMSP.
        await one.FeedSessionAsync("NL*CP1", Builders.Session("NL*CP1", "S1", "DE*MS2"));
        await one.RecordCdrAsync("NL*CP1", Builders.Cdr("NL*CP1", "CDR1", "DE*MS2"));
        await Scenario.Eventually(async () => await Holds(two, "DE*MS2", "sessions", "S1") && await Holds(two, "DE*MS2", "cdrs", "CDR1"),
            "the session and its CDR reach DE*MS2 through the hub");
        await Scenario.Eventually(() => Task.FromResult(hub.Forwards.Any(f => f.Kind == HubForwardKind.Directed && f.PathIn.Contains("/sessions/"))),
            "the hub records the session it directed");
        var directed = hub.Forwards.Where(f => f.Kind == HubForwardKind.Directed && f.PathIn.Contains("/sessions/")).ToList();
        Assert.NotEmpty(directed);
        Assert.All(directed, f =>
        {
            Assert.Equal("NL*CP1", f.From);
            Assert.Equal("DE*MS2", f.To);
            Assert.NotEqual(f.RequestIdIn, f.RequestIdOut);
            Assert.Equal(f.CorrelationIdIn, f.CorrelationIdOut);
        });
        // The answer comes back with to/from swapped by the receiving platform.
        Assert.Equal("NL", directed[0].AnswerHeaders.GetValueOrDefault("OCPI-to-country-code"));
        Assert.Equal("MS2", directed[0].AnswerHeaders.GetValueOrDefault("OCPI-from-party-id"));

        // The other way: DE*CP2's tariff reaches NL*MS1, and DE*MS2's token reaches NL*CP1, which authorizes it in real time through the hub.
        var tariff = new JsonObject
        {
            ["country_code"] = "DE", ["party_id"] = "CP2", ["id"] = "T1", ["currency"] = "EUR",
            ["elements"] = new JsonArray(new JsonObject { ["price_components"] = new JsonArray(new JsonObject { ["type"] = "ENERGY", ["price"] = 0.3, ["step_size"] = 1 }) }),
            ["last_updated"] = Builders.Now,
        };
        Assert.True((await two.Admin.PutAsync("/admin/parties/DE/CP2/cpo/tariffs/T1", JsonContent(tariff), Ct)).IsSuccessStatusCode);
        await two.IssueTokenAsync("DE*MS2", Builders.Token("DE*MS2", "NEVER-1", whitelist: "NEVER"));
        await Scenario.Eventually(async () => await Holds(one, "NL*MS1", "tariffs", "T1")
            && (await one.CachedTokensAsync("NL*CP1")).Any(t => (string?)t!["uid"] == "NEVER-1"), "the tariff and the token cross the hub");
        var decision = await one.AuthorizeAsync("NL*CP1", new { uid = "NEVER-1", location_id = "LOC-1" });
        Assert.Equal("ALLOWED", (string?)decision["allowed"]);
        Assert.Equal("real-time", (string?)decision["decided_by"]);
        Assert.Contains(hub.Forwards, f => f.PathIn.Contains("NEVER-1/authorize") && f.From == "NL*CP1" && f.To == "DE*MS2");

        // A command through the hub: the Hub swaps response_url for its own callback and relays the result.
        var command = await two.SendCommandAsync("DE*MS2", "START_SESSION", CommandSteps.StartSession("NL*CP1", "DE*MS2", "LOC-1"));
        var done = await two.CommandInStateAsync("DE*MS2", command, "result_received", "rejected", "failed", "timed_out");
        Assert.Equal("ACCEPTED", done.Result());
        // The hub records a relayed result once the eMSP has answered it, which can be after the eMSP shows it.
        await Scenario.Eventually(() => Task.FromResult(hub.Forwards.Any(f => f.Kind == HubForwardKind.Callback && f.From == "NL*CP1" && f.To == "DE*MS2")),
            "the hub records the relayed command result");
        await Scenario.Eventually(async () => (await two.ReceivedAsync("DE*MS2", "sessions")).Any(x => (string?)x!["auth_method"] == "COMMAND"),
            "the session the command started reaches DE*MS2 through the hub");

        // Nothing of NL*OUT, which is not in the hub connection, crossed; and it cannot be reached through the hub.
        Assert.DoesNotContain(hub.Forwards, f => f.From == "NL*OUT" || f.To == "NL*OUT");
    }

    [Fact]
    public async Task Topology7_a_party_the_hub_reports_offline_gets_nothing_until_connected_again_then_the_latest_state()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await PlatformInstance.StartAsync();
        await using var emsp = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        var cpoAtHub = await cpo.RegisterWithHubAsync(hub, "NL*CPO");
        var emspAtHub = await emsp.RegisterWithHubAsync(hub, "DE*MSP");
        await WaitForClientsAsync(cpo, cpoAtHub, "DE*MSP");
        await WaitForClientsAsync(emsp, emspAtHub, "NL*CPO");

        await hub.SetStatusAsync("DE*MSP", "OFFLINE");
        await Scenario.Eventually(async () => (await cpo.HubClientsAsync(cpoAtHub))["DE*MSP"] == "OFFLINE", "the CPO knows DE*MSP is offline");
        await cpo.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S1", "DE*MSP", status: "PENDING"));
        await cpo.FeedSessionAsync("NL*CPO", new JsonObject { ["id"] = "S1", ["status"] = "ACTIVE", ["kwh"] = 3, ["last_updated"] = Builders.Now }, patch: true);
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("pending")).Any(d => ((string?)d!["last_error"] ?? "").Contains("OFFLINE")),
            "the delivery waits for the offline party");
        Assert.DoesNotContain(hub.Forwards, f => f.PathIn.Contains("/sessions/"));

        await hub.SetStatusAsync("DE*MSP", "CONNECTED");
        await Scenario.Eventually(async () => (await emsp.ReceivedAsync("DE*MSP", "sessions")).FirstOrDefault() is JsonObject s
            && (string?)s["status"] == "ACTIVE", "the latest state arrives once the party is back", seconds: 30);
        // The eMSP's own pull through the hub may bring the session first; the held push still goes, once, folded.
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Any(d => (string?)d!["module"] == "sessions"),
            "the CPO's held session push is delivered");
        Assert.Single(hub.Forwards, f => f.PathIn.Contains("/sessions/"));
    }

    [Fact]
    public async Task Topology7_the_hub_cannot_reach_a_hosted_party_outside_the_connection_or_speak_for_a_party_it_does_not_list()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await PlatformInstance.StartAsync();
        await using var emsp = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await cpo.CreatePartyAsync("NL", "OUT", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        var cpoAtHub = await cpo.RegisterWithHubAsync(hub, "NL*CPO");
        var emspAtHub = await emsp.RegisterWithHubAsync(hub, "DE*MSP");
        await WaitForClientsAsync(cpo, cpoAtHub, "DE*MSP");
        await WaitForClientsAsync(emsp, emspAtHub, "NL*CPO");
        await cpo.PublishLocationAsync("NL*OUT", Builders.Location("NL", "OUT", "SECRET"));

        // The platform answers as the routed side: a receiver it does not serve over this connection is 4001.
        using var asEmsp = new OcpiClient(await emsp.HeldTokenAsync(emspAtHub));
        var outside = await asEmsp.SendAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/locations", from: "DE*MSP", to: "NL*OUT", ct: Ct);
        Assert.Equal(4001, outside.StatusCode);
        Assert.DoesNotContain("SECRET", outside.Body);

        // Through the hub, a party the hub has not reported is refused by the platform.
        await hub.SetStatusAsync("DE*MSP", "SUSPENDED");
        await Scenario.Eventually(async () => (await cpo.HubClientsAsync(cpoAtHub))["DE*MSP"] == "SUSPENDED", "the CPO knows DE*MSP is suspended");
        using var direct = new OcpiClient(await emsp.HeldTokenAsync(emspAtHub));
        var answer = await direct.SendAsync(HttpMethod.Get, hub.Url + "/ocpi/2.2.1/sender/locations", from: "DE*MSP", to: "NL*CPO", ct: Ct);
        Assert.NotEqual(1000, answer.StatusCode);
    }

    [Fact]
    public async Task Topology8_a_party_reached_directly_and_through_the_hub_gets_each_object_once_directly_and_through_the_hub_while_direct_is_suspended()
    {
        await using var hub = await TestHub.StartAsync();
        await using var cpo = await PlatformInstance.StartAsync();
        await using var viaHubOnly = await PlatformInstance.StartAsync();
        await using var both = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await viaHubOnly.CreatePartyAsync("DE", "MSP", "EMSP");
        await both.CreatePartyAsync("FR", "MSP", "EMSP");
        var cpoAtHub = await cpo.RegisterWithHubAsync(hub, "NL*CPO");
        var deAtHub = await viaHubOnly.RegisterWithHubAsync(hub, "DE*MSP");
        var frAtHub = await both.RegisterWithHubAsync(hub, "FR*MSP");
        var directLink = await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], both, ["FR*MSP"]);
        await WaitForClientsAsync(cpo, cpoAtHub, "DE*MSP", "FR*MSP");
        // The receivers must know the CPO through the Hub too: a push arriving before would be refused and sent again,
        // and the Hub would see LOC-1 twice (the race this scenario once lost on a busy machine).
        await WaitForClientsAsync(viaHubOnly, deAtHub, "NL*CPO");
        await WaitForClientsAsync(both, frAtHub, "NL*CPO");

        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC-1"));
        await Scenario.Eventually(async () => await Holds(viaHubOnly, "DE*MSP", "locations", "LOC-1") && await Holds(both, "FR*MSP", "locations", "LOC-1"),
            "both eMSPs receive LOC-1");
        // Direct wins for FR*MSP: no broadcast (it would reach FR*MSP twice), a directed push to DE*MSP only.
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Count == 2, "two deliveries made and delivered");
        // (A pull of tokens by the CPO through the Hub is one GET All, which the Hub passes to every eMSP behind it,
        // FR*MSP too; the CPO keeps none of FR*MSP's from it, as FR*MSP is pulled directly.)
        Assert.DoesNotContain(hub.Forwards, f => f.To == "FR*MSP" && f.Kind != HubForwardKind.GetAll);
        Assert.DoesNotContain(hub.Forwards, f => f.Broadcast);
        Assert.Single(hub.Forwards, f => f.To == "DE*MSP" && f.PathIn.Contains("LOC-1"));
        var deliveries = await cpo.DeliveriesAsync();
        Assert.Equal(directLink.ServerConnectionId, (string?)deliveries.Single(d => (string?)d!["target"] == "FR*MSP")!["connection_id"]);

        Assert.Equal(["direct"], await UsedRoutesAsync(cpo, "FR*MSP"));
        Assert.Equal(["hub"], await UsedRoutesAsync(cpo, "DE*MSP"));

        // With the direct connection suspended, FR*MSP is reached through the hub.
        Assert.Equal(HttpStatusCode.OK, (await cpo.Admin.PostAsync($"/admin/connections/{directLink.ServerConnectionId}/suspend", null, Ct)).StatusCode);
        Assert.Equal(["hub"], await UsedRoutesAsync(cpo, "FR*MSP"));
        await cpo.SetEvseStatusAsync("NL*CPO", "LOC-1", "EVSE1", "CHARGING");
        await Scenario.Eventually(async () => await both.ReceivedEvseStatusAsync("FR*MSP", "LOC-1", "EVSE1") == "CHARGING"
            && await viaHubOnly.ReceivedEvseStatusAsync("DE*MSP", "LOC-1", "EVSE1") == "CHARGING", "the change reaches both through the hub");
        await Scenario.Eventually(() => Task.FromResult(hub.Forwards.Any(f => f.To == "FR*MSP" && f.Kind != HubForwardKind.GetAll)),
            "the hub records the change it passed to FR*MSP");
    }

    /// <summary>How GET /admin/routes says the party is reached now.</summary>
    private static async Task<IReadOnlyList<string>> UsedRoutesAsync(PlatformInstance instance, string party) =>
        JsonNode.Parse(await instance.Admin.GetStringAsync("/admin/routes", Ct))!.AsArray()
            .Where(r => (string?)r!["party"] == party && (bool)r["used"]!).Select(r => (string)r!["via"]!).ToList();

    private static StringContent JsonContent(JsonObject body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
