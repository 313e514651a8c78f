using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>Sessions and CDRs between instances: only the token's eMSP gets them, and no CDR is lost or doubled.</summary>
public sealed class SessionCdrScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Topology1_and_5_a_session_and_its_cdr_reach_the_emsp_of_the_token_and_no_other()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, link) = pair;
        await using var other = await pair.AddEmspAsync("FR", "OTH");

        await cpo.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S1", "DE*MSP", status: "PENDING"));
        foreach (var kwh in new[] { 1.5m, 2.5m })
            await cpo.FeedSessionAsync("NL*CPO", new JsonObject
            {
                ["id"] = "S1", ["status"] = "ACTIVE", ["kwh"] = kwh, ["charging_periods"] = new JsonArray(Builders.ChargingPeriod(kwh)),
                ["last_updated"] = Builders.Now,
            }, patch: true);
        await Scenario.Eventually(async () => (await emsp.ReceivedAsync("DE*MSP", "sessions")).FirstOrDefault() is JsonObject s
            && s["charging_periods"] is JsonArray { Count: 2 } && (decimal)s["kwh"]! == 2.5m && (string?)s["status"] == "ACTIVE",
            "the eMSP holds S1, active, with both charging periods");

        await cpo.RecordCdrAsync("NL*CPO", Builders.Cdr("NL*CPO", "CDR1", "DE*MSP"));
        await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync("DE*MSP", "cdrs")).SequenceEqual(["CDR1"]), "CDR1 reaches the eMSP");

        // The CPO can read the CDR back at the Location the eMSP answered (the eMSP's own pull may have been first).
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Any(d => (string?)d!["module"] == "cdrs"), "the CDR push is answered");
        var delivery = (await cpo.DeliveriesAsync("delivered")).Single(d => (string?)d!["module"] == "cdrs");
        var location = (string)delivery!["detail"]!;
        Assert.StartsWith(emsp.Url + "/ocpi/2.2.1/receiver/cdrs/NL/CPO/CDR1", location);
        using var asCpo = new OcpiClient(await cpo.HeldTokenAsync(link.ServerConnectionId));
        var readBack = await asCpo.SendAsync(HttpMethod.Get, location, from: "NL*CPO", to: "DE*MSP", ct: Ct);
        Assert.Equal(HttpStatusCode.OK, readBack.Status);
        Assert.Equal("CDR1", (string?)readBack.Data!["id"]);

        Assert.Empty(await other.ReceivedAsync("FR*OTH", "sessions"));
        Assert.Empty(await other.ReceivedAsync("FR*OTH", "cdrs"));
        Assert.DoesNotContain(await cpo.DeliveriesAsync(), d => (string?)d!["target"] == "FR*OTH");
    }

    [Fact]
    public async Task A_session_moved_to_another_emsps_token_reaches_that_emsp_and_the_first_hears_it_is_invalid_without_seeing_the_new_token()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;
        await using var other = await pair.AddEmspAsync("FR", "OTH");
        await cpo.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S-MOVE", "DE*MSP"));
        await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync("DE*MSP", "sessions")).Contains("S-MOVE"), "the first eMSP holds S-MOVE");

        // The back office finds the session was the other eMSP's token's: it moves the cdr_token.
        await cpo.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S-MOVE", "FR*OTH"));
        await Scenario.Eventually(async () => (await other.ReceivedAsync("FR*OTH", "sessions")).SingleOrDefault() is JsonObject s
            && (string?)s["cdr_token"]!["party_id"] == "OTH", "the new token's eMSP holds S-MOVE");
        await Scenario.Eventually(async () => (string?)(await emsp.ReceivedAsync("DE*MSP", "sessions")).Single()!["status"] == "INVALID",
            "the first eMSP's copy says the session will not be billed to it");
        var stale = (await emsp.ReceivedAsync("DE*MSP", "sessions")).Single()!;
        Assert.Equal(("DE", "MSP"), ((string?)stale["cdr_token"]!["country_code"], (string?)stale["cdr_token"]!["party_id"]));

        // Later changes go to the new eMSP only.
        await cpo.FeedSessionAsync("NL*CPO", new JsonObject { ["id"] = "S-MOVE", ["kwh"] = 7.5m, ["last_updated"] = Builders.Now }, patch: true);
        await Scenario.Eventually(async () => (decimal?)(await other.ReceivedAsync("FR*OTH", "sessions")).Single()!["kwh"] == 7.5m, "the change reaches FR*OTH");
        Assert.Equal(0m, (decimal?)(await emsp.ReceivedAsync("DE*MSP", "sessions")).Single()!["kwh"]);
    }

    [Fact]
    public async Task Topology3_white_label_cpos_each_emsp_sees_only_sessions_and_cdrs_of_its_own_tokens()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await using var emsps = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "AAA", "CPO");
        await platform.CreatePartyAsync("NL", "BBB", "CPO");
        await emsps.CreatePartyAsync("DE", "MS1", "EMSP");
        await emsps.CreatePartyAsync("DE", "MS2", "EMSP");
        var link = await PlatformInstance.ConnectAsync(platform, ["NL*AAA", "NL*BBB"], emsps, ["DE*MS1", "DE*MS2"]);

        await platform.FeedSessionAsync("NL*AAA", Builders.Session("NL*AAA", "A-FOR-1", "DE*MS1"));
        await platform.FeedSessionAsync("NL*BBB", Builders.Session("NL*BBB", "B-FOR-2", "DE*MS2"));
        await platform.RecordCdrAsync("NL*AAA", Builders.Cdr("NL*AAA", "CDR-A2", "DE*MS2"));
        await platform.RecordCdrAsync("NL*BBB", Builders.Cdr("NL*BBB", "CDR-B1", "DE*MS1"));

        await Scenario.Eventually(async () => (await emsps.ReceivedIdsAsync("DE*MS1", "sessions")).SequenceEqual(["A-FOR-1"])
            && (await emsps.ReceivedIdsAsync("DE*MS2", "sessions")).SequenceEqual(["B-FOR-2"])
            && (await emsps.ReceivedIdsAsync("DE*MS1", "cdrs")).SequenceEqual(["CDR-B1"])
            && (await emsps.ReceivedIdsAsync("DE*MS2", "cdrs")).SequenceEqual(["CDR-A2"]), "each eMSP holds exactly its own");

        // Pulling shows the same: the Sender lists to each eMSP only what concerns its tokens.
        using var ms1 = new OcpiClient(await emsps.HeldTokenAsync(link.ClientConnectionId));
        var sessions = await ms1.SendAsync(HttpMethod.Get, platform.Url + "/ocpi/2.2.1/sender/sessions?date_from=2020-01-01T00:00:00Z",
            from: "DE*MS1", to: "NL*BBB", ct: Ct);
        Assert.Empty(sessions.Data!.AsArray());
        var cdrs = await ms1.SendAsync(HttpMethod.Get, platform.Url + "/ocpi/2.2.1/sender/cdrs", from: "DE*MS1", to: "NL*BBB", ct: Ct);
        Assert.Equal(["CDR-B1"], cdrs.Data!.AsArray().Select(c => (string)c!["id"]!));
        Assert.Equal("1", cdrs.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task Two_hosted_cpos_on_one_connection_with_the_same_ids_each_get_their_location_and_cdr_through()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await using var emsp = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "AAA", "CPO");
        await platform.CreatePartyAsync("NL", "BBB", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await PlatformInstance.ConnectAsync(platform, ["NL*AAA", "NL*BBB"], emsp, ["DE*MSP"]);

        // Both changes wait side by side while the eMSP is down: neither may fold into the other.
        await emsp.StopAsync();
        foreach (var cpo in new[] { "NL*AAA", "NL*BBB" })
        {
            await platform.PublishLocationAsync(cpo, Builders.Location(cpo[..2], cpo[3..], "LOC1"));
            await platform.RecordCdrAsync(cpo, Builders.Cdr(cpo, "CDR1", "DE*MSP"));
        }
        await Scenario.Eventually(async () => (await platform.DeliveriesAsync()).Count(d => (int)d!["attempts"]! >= 1) == 4,
            "four separate deliveries, each tried");
        await emsp.RestartAsync();

        await Scenario.Eventually(async () =>
        {
            var owners = (await emsp.ReceivedAsync("DE*MSP", "cdrs")).Select(c => (string)c!["party_id"]!).Order();
            var locations = (await emsp.ReceivedLocationsAsync("DE*MSP")).Select(l => (string)l!["party_id"]!).Order();
            return owners.SequenceEqual(["AAA", "BBB"]) && locations.SequenceEqual(["AAA", "BBB"]);
        }, "both CPOs' LOC1 and CDR1 reach the eMSP");
        await Scenario.Eventually(async () => (await platform.DeliveriesAsync("delivered")).Count == 4, "all four pushes are delivered");
    }

    [Fact]
    public async Task Intra_platform_a_hosted_cpo_and_a_hosted_emsp_exchange_sessions_and_cdrs_over_an_internal_connection()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        await platform.CreatePartyAsync("NL", "MSP", "EMSP");
        await platform.CreatePartyAsync("NL", "OUT", "EMSP");
        await platform.ConnectInternallyAsync("NL*CPO", "NL*MSP", "NL*OUT");

        await platform.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S1", "NL*MSP"));
        await platform.RecordCdrAsync("NL*CPO", Builders.Cdr("NL*CPO", "CDR1", "NL*MSP"));
        await Scenario.Eventually(async () => (await platform.ReceivedIdsAsync("NL*MSP", "cdrs")).SequenceEqual(["CDR1"])
            && (await platform.ReceivedIdsAsync("NL*MSP", "sessions")).SequenceEqual(["S1"]), "the hosted eMSP has the session and the CDR");
        Assert.Empty(await platform.ReceivedAsync("NL*OUT", "sessions"));
        Assert.Empty(await platform.ReceivedAsync("NL*OUT", "cdrs"));

        // The token moves to the other hosted eMSP: it gets the session, the first one's copy becomes INVALID.
        await platform.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S1", "NL*OUT"));
        await Scenario.Eventually(async () => (await platform.ReceivedIdsAsync("NL*OUT", "sessions")).SequenceEqual(["S1"])
            && (await platform.ReceivedAsync("NL*MSP", "sessions")).Single() is JsonObject { } first && (string?)first["status"] == "INVALID"
            && (string?)first["cdr_token"]!["party_id"] == "MSP", "the session moves to NL*OUT and NL*MSP's copy is INVALID");
    }

    [Fact]
    public async Task Peer_down_for_the_whole_life_of_20_sessions_and_20_cdrs_then_back_every_cdr_arrives_once_and_every_session_is_final()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;

        await emsp.StopAsync();
        for (var i = 0; i < 20; i++)
        {
            await cpo.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", $"S{i}", "DE*MSP", status: "PENDING"));
            await cpo.FeedSessionAsync("NL*CPO", new JsonObject { ["id"] = $"S{i}", ["status"] = "ACTIVE", ["last_updated"] = Builders.Now }, patch: true);
            await cpo.FeedSessionAsync("NL*CPO", new JsonObject
            {
                ["id"] = $"S{i}", ["status"] = "COMPLETED", ["kwh"] = 10, ["end_date_time"] = Builders.Now,
                ["charging_periods"] = new JsonArray(Builders.ChargingPeriod(10)), ["last_updated"] = Builders.Now,
            }, patch: true);
            await cpo.RecordCdrAsync("NL*CPO", Builders.Cdr("NL*CPO", $"CDR{i}", "DE*MSP"));
        }
        await emsp.RestartAsync();

        var expected = Enumerable.Range(0, 20).Select(i => $"CDR{i}").Order().ToList();
        await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync("DE*MSP", "cdrs")).SequenceEqual(expected)
            && (await emsp.ReceivedAsync("DE*MSP", "sessions")) is var s && s.Count == 20 && s.All(x => (string?)x!["status"] == "COMPLETED"),
            "every CDR once and every session completed", seconds: 90);
        Assert.All(await emsp.ReceivedAsync("DE*MSP", "sessions"), s => Assert.Single(s!["charging_periods"]!.AsArray()));
    }

    [Fact]
    public async Task Cdr_deliveries_pending_when_the_cpo_stops_are_delivered_once_after_it_starts_again()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;

        await emsp.StopAsync();
        for (var i = 0; i < 5; i++) await cpo.RecordCdrAsync("NL*CPO", Builders.Cdr("NL*CPO", $"CDR{i}", "DE*MSP"));
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync()).Count(d => (int)d!["attempts"]! >= 1) == 5, "every CDR push was tried");
        await cpo.StopAsync();
        await emsp.RestartAsync();
        await cpo.RestartAsync();

        await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync("DE*MSP", "cdrs")).Count == 5, "all 5 CDRs arrive", seconds: 90);
        Assert.Equal(["CDR0", "CDR1", "CDR2", "CDR3", "CDR4"], await emsp.ReceivedIdsAsync("DE*MSP", "cdrs"));
        // The eMSP's start-up pull may bring them first; the pushes still end delivered, and nothing is doubled.
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Count == 5, "every CDR push ends delivered");
        Assert.Equal(5, (await emsp.ReceivedIdsAsync("DE*MSP", "cdrs")).Count);
    }
}
