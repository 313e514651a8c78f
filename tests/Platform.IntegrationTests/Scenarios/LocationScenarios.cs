using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>Locations between platform instances over real HTTP, in the topologies of DESIGN.md.</summary>
public sealed class LocationScenarios
{
    private static async Task<bool> Holds(PlatformInstance instance, string party, string locationId) =>
        await instance.ReceivedLocationAsync(party, locationId) is not null;

    private static async Task<IReadOnlyList<string>> HeldIds(PlatformInstance instance, string party) =>
        (await instance.ReceivedLocationsAsync(party)).Select(l => (string)l!["id"]!).Order().ToList();

    [Fact]
    public async Task Topology1_a_location_put_through_the_back_office_arrives_equal_and_a_status_change_follows_as_a_patch()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;

        var location = Builders.Location("NL", "CPO", "LOC1", "E1", "E2");
        await cpo.PublishLocationAsync("NL*CPO", location);
        await Scenario.Eventually(() => Holds(emsp, "DE*MSP", "LOC1"), "LOC1 reaches the eMSP");
        // Equal as OCPI JSON: a DateTime may come back in its shortest UTC form (".120Z" as ".12Z").
        OcpiJsonAssert.Same(location, await emsp.ReceivedLocationAsync("DE*MSP", "LOC1"));

        // The eMSP may hold LOC1 from its registration pull before the push went out; a status change made while the PUT
        // still waits folds into it (one PUT of the current state), so the PATCH is expected only once the PUT is delivered.
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Any(d => (string?)d!["operation"] == "put" && (string?)d["target"] == "DE*MSP"),
            "the PUT of LOC1 is delivered");
        await cpo.SetEvseStatusAsync("NL*CPO", "LOC1", "E2", "CHARGING");
        await Scenario.Eventually(async () => await emsp.ReceivedEvseStatusAsync("DE*MSP", "LOC1", "E2") == "CHARGING", "the status reaches the eMSP");
        // The receiver stores before it answers: the delivery is marked delivered a moment after the eMSP holds the status.
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered"))
            .Any(d => (string?)d!["operation"] == "patch_status" && (string?)d["detail"] == "E2" && (string?)d["target"] == "DE*MSP"),
            "the status change went as a PATCH of E2");
    }

    [Fact]
    public async Task Topology2_one_cpo_with_three_emsp_peers_each_gets_the_change()
    {
        await using var cpo = await PlatformInstance.StartAsync();
        var peers = new List<PlatformInstance>();
        try
        {
            await cpo.CreatePartyAsync("NL", "CPO", "CPO");
            foreach (var pid in new[] { "MS1", "MS2", "MS3" })
            {
                var peer = await PlatformInstance.StartAsync();
                peers.Add(peer);
                await peer.CreatePartyAsync("DE", pid, "EMSP");
                await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], peer, [$"DE*{pid}"]);
            }
            await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
            await cpo.SetEvseStatusAsync("NL*CPO", "LOC1", "EVSE1", "BLOCKED");
            foreach (var (peer, pid) in peers.Zip(["MS1", "MS2", "MS3"]))
                await Scenario.Eventually(async () => await peer.ReceivedEvseStatusAsync($"DE*{pid}", "LOC1", "EVSE1") == "BLOCKED", $"DE*{pid} has the latest status");
        }
        finally
        {
            foreach (var peer in peers) await peer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Topology3_white_label_cpos_never_leak_to_a_peer_of_the_other_on_push_or_pull()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await using var emsp = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "AAA", "CPO");
        await platform.CreatePartyAsync("NL", "BBB", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        var link = await PlatformInstance.ConnectAsync(platform, ["NL*AAA"], emsp, ["DE*MSP"]);

        await platform.PublishLocationAsync("NL*BBB", Builders.Location("NL", "BBB", "SECRET"));
        await platform.PublishLocationAsync("NL*AAA", Builders.Location("NL", "AAA", "OPEN"));
        await Scenario.Eventually(() => Holds(emsp, "DE*MSP", "OPEN"), "the connected CPO's location arrives");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, await emsp.ResyncAsync(link.ClientConnectionId, full: true));
        await Scenario.Eventually(() => Task.FromResult(emsp.Log.Lines.Any(l => l.StartsWith("Resync of") && l.Contains("NL*AAA") && l.Contains("stored"))), "a full pull ran");
        Assert.Equal(["OPEN"], await HeldIds(emsp, "DE*MSP"));
        Assert.DoesNotContain(await platform.DeliveriesAsync(), d => (string?)d!["object_id"] == "SECRET");
    }

    [Fact]
    public async Task Topology4_a_dual_role_party_publishes_as_cpo_and_receives_as_emsp_over_one_connection()
    {
        await using var a = await PlatformInstance.StartAsync();
        await using var b = await PlatformInstance.StartAsync();
        await a.CreatePartyAsync("NL", "DUA", "CPO", "EMSP");
        await b.CreatePartyAsync("DE", "BCP", "CPO");
        await b.CreatePartyAsync("DE", "BMS", "EMSP");
        await PlatformInstance.ConnectAsync(a, ["NL*DUA"], b, ["DE*BCP", "DE*BMS"]);

        await a.PublishLocationAsync("NL*DUA", Builders.Location("NL", "DUA", "FROM-DUA"));
        await b.PublishLocationAsync("DE*BCP", Builders.Location("DE", "BCP", "FROM-BCP"));

        await Scenario.Eventually(() => Holds(b, "DE*BMS", "FROM-DUA"), "the dual-role party's location reaches the eMSP");
        await Scenario.Eventually(() => Holds(a, "NL*DUA", "FROM-BCP"), "the dual-role party receives as eMSP");
        Assert.Equal(["FROM-BCP"], await HeldIds(a, "NL*DUA"));
        Assert.DoesNotContain(await a.DeliveriesAsync(), d => (string?)d!["target"] == "DE*BCP");
    }

    [Fact]
    public async Task Topology6_many_connections_between_multi_role_platforms_each_party_receives_exactly_what_its_connections_allow()
    {
        await using var a = await PlatformInstance.StartAsync();
        await using var b = await PlatformInstance.StartAsync();
        await using var c = await PlatformInstance.StartAsync();
        foreach (var (instance, cc) in new[] { (a, "NL"), (b, "DE"), (c, "FR") })
        {
            await instance.CreatePartyAsync(cc, "CPO", "CPO");
            await instance.CreatePartyAsync(cc, "MSP", "EMSP");
        }
        await PlatformInstance.ConnectAsync(a, ["NL*CPO", "NL*MSP"], b, ["DE*CPO", "DE*MSP"]);
        await PlatformInstance.ConnectAsync(b, ["DE*CPO"], c, ["FR*MSP"]);
        await PlatformInstance.ConnectAsync(a, ["NL*MSP"], c, ["FR*CPO"]);

        foreach (var (instance, cc) in new[] { (a, "NL"), (b, "DE"), (c, "FR") })
            await instance.PublishLocationAsync($"{cc}*CPO", Builders.Location(cc, "CPO", $"LOC-{cc}"));

        await Scenario.Eventually(async () => (await HeldIds(a, "NL*MSP")).SequenceEqual(["LOC-DE", "LOC-FR"]), "NL*MSP holds DE's and FR's");
        await Scenario.Eventually(async () => (await HeldIds(b, "DE*MSP")).SequenceEqual(["LOC-NL"]), "DE*MSP holds NL's");
        await Scenario.Eventually(async () => (await HeldIds(c, "FR*MSP")).SequenceEqual(["LOC-DE"]), "FR*MSP holds DE's");
        // Nothing else is on its way: every delivery made was delivered, to the parties above only.
        foreach (var instance in new[] { a, b, c })
            await Scenario.Eventually(async () => (await instance.DeliveriesAsync()).All(d => (string?)d!["state"] == "delivered"), "all deliveries settle");
        Assert.Equal(["LOC-DE", "LOC-FR"], await HeldIds(a, "NL*MSP"));
        Assert.Equal(["LOC-NL"], await HeldIds(b, "DE*MSP"));
        Assert.Equal(["LOC-DE"], await HeldIds(c, "FR*MSP"));
    }

    [Fact]
    public async Task Topology5_mixed_roles_on_both_sides_of_one_connection_reach_each_other_by_routing_headers()
    {
        await using var a = await PlatformInstance.StartAsync();
        await using var b = await PlatformInstance.StartAsync();
        await a.CreatePartyAsync("NL", "ACP", "CPO");
        await a.CreatePartyAsync("NL", "AMS", "EMSP");
        await b.CreatePartyAsync("DE", "BCP", "CPO");
        await b.CreatePartyAsync("DE", "BM1", "EMSP");
        await b.CreatePartyAsync("DE", "BM2", "EMSP");
        await PlatformInstance.ConnectAsync(a, ["NL*ACP", "NL*AMS"], b, ["DE*BCP", "DE*BM1", "DE*BM2"]);

        await a.PublishLocationAsync("NL*ACP", Builders.Location("NL", "ACP", "LOC-A"));
        await b.PublishLocationAsync("DE*BCP", Builders.Location("DE", "BCP", "LOC-B"));
        await a.FeedSessionAsync("NL*ACP", Builders.Session("NL*ACP", "S-FOR-BM2", "DE*BM2"));

        await Scenario.Eventually(async () => (await HeldIds(b, "DE*BM1")).SequenceEqual(["LOC-A"]) && (await HeldIds(b, "DE*BM2")).SequenceEqual(["LOC-A"])
            && (await HeldIds(a, "NL*AMS")).SequenceEqual(["LOC-B"]), "each eMSP on either side holds the other side's location");
        await Scenario.Eventually(async () => (await b.ReceivedIdsAsync("DE*BM2", "sessions")).SequenceEqual(["S-FOR-BM2"]), "the session reaches only its token's eMSP");
        Assert.Empty(await b.ReceivedAsync("DE*BM1", "sessions"));
        // Each push named its receiver: one delivery per party, each addressed with OCPI-to.
        Assert.Equal(["DE*BM1", "DE*BM2"], (await a.DeliveriesAsync()).Where(d => (string?)d!["module"] == "locations")
            .Select(d => (string)d!["target"]!).Order());
    }

    [Fact]
    public async Task A_hosted_cpo_and_a_hosted_emsp_roam_over_an_internal_connection_without_http()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        await platform.CreatePartyAsync("NL", "MSP", "EMSP");
        await platform.CreatePartyAsync("NL", "OUT", "EMSP");
        await platform.ConnectInternallyAsync("NL*CPO", "NL*MSP");

        await platform.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
        await platform.SetEvseStatusAsync("NL*CPO", "LOC1", "EVSE1", "OUTOFORDER");
        await Scenario.Eventually(async () => await platform.ReceivedEvseStatusAsync("NL*MSP", "LOC1", "EVSE1") == "OUTOFORDER", "the hosted eMSP has the latest state");
        Assert.Empty(await platform.ReceivedLocationsAsync("NL*OUT"));
        Assert.DoesNotContain(platform.Log.Lines, l => l.Contains("Peer call"));
    }

    [Fact]
    public async Task Peer_down_then_up_ends_with_the_latest_state_of_every_object_and_a_resync_repairs_a_dropped_push()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, link) = pair;
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "E1", "E2"));
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC2", "F1"));
        await Scenario.Eventually(() => Holds(emsp, "DE*MSP", "LOC2"), "both locations arrive");

        await emsp.StopAsync();
        foreach (var status in new[] { "CHARGING", "BLOCKED", "OUTOFORDER", "INOPERATIVE", "RESERVED" })
            await cpo.SetEvseStatusAsync("NL*CPO", "LOC1", "E1", status);
        await cpo.SetEvseStatusAsync("NL*CPO", "LOC1", "E2", "CHARGING");
        await cpo.SetEvseStatusAsync("NL*CPO", "LOC2", "F1", "CHARGING");
        await cpo.SetEvseStatusAsync("NL*CPO", "LOC2", "F1", "AVAILABLE");
        await emsp.RestartAsync();

        await Scenario.Eventually(async () =>
            await emsp.ReceivedEvseStatusAsync("DE*MSP", "LOC1", "E1") == "RESERVED"
            && await emsp.ReceivedEvseStatusAsync("DE*MSP", "LOC1", "E2") == "CHARGING"
            && await emsp.ReceivedEvseStatusAsync("DE*MSP", "LOC2", "F1") == "AVAILABLE", "the eMSP converges to the latest states", seconds: 60);

        // A change that never produced a push (written behind the platform's back) is repaired by the next pull.
        var dropped = Builders.Location("NL", "CPO", "LOC3");
        await WriteWithoutOutboxAsync(cpo, dropped);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, await emsp.ResyncAsync(link.ClientConnectionId));
        await Scenario.Eventually(() => Holds(emsp, "DE*MSP", "LOC3"), "the pull brings the location whose push was dropped");
    }

    [Fact]
    public async Task Pending_deliveries_survive_a_restart_of_the_cpo_and_are_sent_after_it()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;

        await emsp.StopAsync();
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync()).Any(d => (int)d!["attempts"]! >= 1), "a push was tried and failed");
        await cpo.StopAsync();
        await emsp.RestartAsync();
        await cpo.RestartAsync();
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Count == 1, "the pending delivery is sent after the restart", seconds: 90);
        Assert.True(await Holds(emsp, "DE*MSP", "LOC1"));
    }

    [Fact]
    public async Task An_unpublished_location_reaches_only_the_emsp_owning_a_token_it_names_by_push_by_id_and_in_the_sender_list()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, toEmsp) = pair;
        await using var other = await pair.AddEmspAsync("FR", "OTH");
        var toOther = pair.LinkOf(other);
        await emsp.IssueTokenAsync("DE*MSP", Builders.Token("DE*MSP", "PRIV-1"));
        await Scenario.Eventually(async () => (await cpo.CachedTokensAsync("NL*CPO")).Count == 1, "the eMSP's token reaches the CPO");

        var home = Builders.Location("NL", "CPO", "HOME1");
        home["publish"] = false;
        home["publish_allowed_to"] = new JsonArray(new JsonObject { ["uid"] = "PRIV-1", ["type"] = "RFID" });
        await cpo.PublishLocationAsync("NL*CPO", home);
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "OPEN1"));

        await Scenario.Eventually(() => Holds(emsp, "DE*MSP", "HOME1"), "the token owner receives the unpublished location");
        await Scenario.Eventually(() => Holds(other, "FR*OTH", "OPEN1"), "the other eMSP receives the public one");
        Assert.False(await Holds(other, "FR*OTH", "HOME1"));

        var ct = TestContext.Current.CancellationToken;
        using var asEmsp = new OcpiClient(await emsp.HeldTokenAsync(toEmsp.ClientConnectionId));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await asEmsp.GetAsync(cpo.Url + "/ocpi/2.2.1/sender/locations/HOME1", ct)).Status);
        using var asOther = new OcpiClient(await other.HeldTokenAsync(toOther.ClientConnectionId));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await asOther.GetAsync(cpo.Url + "/ocpi/2.2.1/sender/locations/HOME1", ct)).Status);

        static async Task<string[]> ListedAsync(OcpiClient client, string url)
        {
            var answer = await client.GetAsync(url + "/ocpi/2.2.1/sender/locations", TestContext.Current.CancellationToken);
            Assert.Equal(1000, answer.StatusCode);
            return [.. answer.Data!.AsArray().Select(l => (string)l!["id"]!).Order(StringComparer.Ordinal)];
        }
        Assert.Equal(["HOME1", "OPEN1"], await ListedAsync(asEmsp, cpo.Url));
        Assert.Equal(["OPEN1"], await ListedAsync(asOther, cpo.Url));
    }

    private static async Task WriteWithoutOutboxAsync(PlatformInstance cpo, JsonObject location)
    {
        await using var db = new SqliteConnection($"Data Source={cpo.DatabaseFile}");
        var partyId = await db.QuerySingleAsync<long>("SELECT id FROM parties WHERE party_key = 'NL*CPO'");
        var now = Platform.Api.Infrastructure.Data.UtcDateTimeHandler.ToSqlite(DateTime.UtcNow);
        await db.ExecuteAsync("""
            INSERT INTO ocpi_objects (module, hosted_party_id, side, owner_key, object_key, object_id, published, visible, last_updated, document, created_at, updated_at)
            VALUES ('locations', @PartyId, 'own', 'NL*CPO', @Key, @Id, 1, 1, @Now, @Document, @Now, @Now)
            """, new { PartyId = partyId, Key = ((string)location["id"]!).ToUpperInvariant(), Id = (string)location["id"]!, Now = now, Document = location.ToJsonString() });
    }
}
