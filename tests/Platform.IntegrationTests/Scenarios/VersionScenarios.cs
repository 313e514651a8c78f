using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Modules;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// One platform, three OCPI versions: instances limited to 2.1.1 and to 2.3.0 by configuration (Ocpi:Versions) exchange
/// data with a CPO that speaks all three, each connection in its own version, while every store holds the 2.2.1 model.
/// </summary>
public sealed class VersionScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<PlatformInstance> StartAsync(string versions) =>
        PlatformInstance.StartAsync(new InstanceSetup(new Dictionary<string, string> { ["Ocpi:Versions"] = versions }));

    private static async Task<JsonObject> ConnectionAsync(PlatformInstance instance, string id) =>
        JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/connections/{id}", Ct))!.AsObject();

    [Fact]
    public async Task A_hosted_cpo_serves_emsps_on_2_1_1_2_2_1_and_2_3_0_at_once_and_each_receives_and_sends_in_its_version()
    {
        await using var cpo = await StartAsync("2.1.1,2.2.1,2.3.0");
        await using var e211 = await StartAsync("2.1.1");
        await using var e221 = await StartAsync("2.2.1");
        await using var e230 = await StartAsync("2.3.0");
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        var emsps = new[] { (e211, "DE*E11", "2.1.1"), (e221, "DE*E21", "2.2.1"), (e230, "DE*E30", "2.3.0") };
        foreach (var (emsp, party, version) in emsps)
        {
            await emsp.CreatePartyAsync(party[..2], party[3..], "EMSP");
            var link = await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], emsp, [party]);
            Assert.Equal(version, (string?)(await ConnectionAsync(cpo, link.ServerConnectionId))["version"]);
            Assert.Equal(version, (string?)(await ConnectionAsync(emsp, link.ClientConnectionId))["version"]);
        }

        var location = Builders.Location("NL", "CPO", "LOC1", "EVSE1", "EVSE2", "EVSE3");
        await cpo.PublishLocationAsync("NL*CPO", location);
        var tariff = new JsonObject
        {
            ["country_code"] = "NL", ["party_id"] = "CPO", ["id"] = "T1", ["currency"] = "EUR",
            ["elements"] = new JsonArray(new JsonObject
            {
                ["price_components"] = new JsonArray(new JsonObject { ["type"] = "ENERGY", ["price"] = 0.25m, ["vat"] = 21.0m, ["step_size"] = 1 }),
            }),
            ["last_updated"] = Builders.Now,
        };
        var put = await cpo.Admin.PutAsJsonAsync("/admin/parties/NL/CPO/cpo/tariffs/T1", tariff, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        foreach (var (emsp, party, _) in emsps)
        {
            await Scenario.Eventually(async () => await emsp.ReceivedLocationAsync(party, "LOC1") is not null, $"LOC1 reaches {party}");
            await cpo.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S-" + party[3..], party));
            await cpo.RecordCdrAsync("NL*CPO", Builders.Cdr("NL*CPO", "CDR-" + party[3..], party));
        }

        foreach (var (emsp, party, version) in emsps)
        {
            // The same 2.2.1 model arrives whatever the version it travelled in.
            var received = (await emsp.ReceivedLocationAsync(party, "LOC1"))!;
            Assert.Equal(("NL", "CPO"), ((string?)received["country_code"], (string?)received["party_id"]));
            Assert.Equal(230, (int)received["evses"]![0]!["connectors"]![0]!["max_voltage"]!);
            Assert.Equal("Europe/Amsterdam", (string?)received["time_zone"]);
            await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync(party, "tariffs")).Contains("T1"), $"T1 reaches {party} in {version}");
            await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync(party, "sessions")).SequenceEqual(["S-" + party[3..]]),
                $"{party}'s session, and no other, reaches it in {version}");
            await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync(party, "cdrs")).SequenceEqual(["CDR-" + party[3..]]),
                $"{party}'s CDR reaches it in {version}");
            var cdr = (await emsp.ReceivedAsync(party, "cdrs"))[0]!;
            Assert.Equal(4.00m, (decimal)cdr["total_cost"]!["excl_vat"]!);
            // What 2.1.1 cannot carry is derived on arrival: the token is our eMSP's, named by its contract id.
            Assert.Equal((party[..2], party[3..]), ((string?)cdr["cdr_token"]!["country_code"], (string?)cdr["cdr_token"]!["party_id"]));
            if (version == "2.2.1") Assert.Null(cdr["total_cost"]!["taxes"]);
        }

        // The other way: each eMSP's token reaches the CPO, from 2.1.1 too (auth_id, no owner on the wire).
        foreach (var (emsp, party, _) in emsps)
            await emsp.IssueTokenAsync(party, Builders.Token(party, "TOK" + party[3..]));
        await Scenario.Eventually(async () => (await cpo.CachedTokensAsync("NL*CPO")).Count == 3, "the three tokens reach the CPO");
        var tokens = await cpo.CachedTokensAsync("NL*CPO");
        var fromOld = Assert.Single(tokens, t => (string?)t!["uid"] == "TOKE11")!;
        Assert.Equal(("DE", "E11", "DE-E11-TOKE11"), ((string?)fromOld["country_code"], (string?)fromOld["party_id"], (string?)fromOld["contract_id"]));

        // Commands both ways: each eMSP starts a session on its own EVSE in its version; the CPO's answer and its later
        // result come back in that version (2.1.1: a CommandResponse both times), and the session started reaches that eMSP.
        var commands = new List<(PlatformInstance Emsp, string Party, string Version, string Id)>();
        foreach (var ((emsp, party, version), evse) in emsps.Zip(["EVSE1", "EVSE2", "EVSE3"]))
            commands.Add((emsp, party, version, await emsp.SendCommandAsync(party, "START_SESSION", CommandSteps.StartSession("NL*CPO", party, "LOC1", evse))));
        foreach (var (emsp, party, version, id) in commands)
        {
            var done = await emsp.CommandInStateAsync(party, id, "result_received", "rejected", "failed", "timed_out");
            Assert.True(("ACCEPTED", "ACCEPTED") == (done.Response(), done.Result()), $"{version}: {done.ToJsonString()}");
            // 2.1.1 has no COMMAND auth method: the session arrives as AUTH_REQUEST.
            var method = version == "2.1.1" ? "AUTH_REQUEST" : "COMMAND";
            await Scenario.Eventually(async () => (await emsp.ReceivedAsync(party, "sessions")).Any(x => (string?)x!["auth_method"] == method),
                $"the session the command started reaches {party} in {version}");
        }
    }

    [Fact]
    public async Task Registration_takes_the_version_of_the_credentials_url_called_and_a_pinned_invitation_refuses_another()
    {
        await using var cpo = await StartAsync("2.1.1,2.2.1,2.3.0");
        await using var emsp = await StartAsync("2.1.1,2.2.1");
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");

        // Both speak 2.1.1 and 2.2.1: the initiator picks 2.2.1, the highest mutual one.
        var link = await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], emsp, ["DE*MSP"]);
        Assert.Equal("2.2.1", (string?)(await ConnectionAsync(cpo, link.ServerConnectionId))["version"]);

        // An invitation pinned to 2.1.1: the eMSP initiates and takes 2.1.1 although 2.2.1 is mutual.
        var pinned = await cpo.Admin.PostAsJsonAsync("/admin/connections/invitations",
            new { name = "old", parties = new[] { "NL*CPO" }, expires_in_hours = 1, version = "2.1.1" }, Ct);
        var invitation = JsonNode.Parse(await pinned.Content.ReadAsStringAsync(Ct))!;
        var response = await emsp.Admin.PostAsJsonAsync("/admin/connections", new
        {
            name = "pinned", versions_url = (string)invitation["versions_url"]!, token = (string)invitation["token"]!, parties = new[] { "DE*MSP" }, version = "2.1.1",
        }, Ct);
        var connection = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(("2.1.1", "registered", "2.1.1"), ((string?)connection["version"], (string?)connection["state"], (string?)connection["pinned_version"]));
        Assert.Equal("2.1.1", (string?)(await ConnectionAsync(cpo, (string)invitation["connection_id"]!))["version"]);
        // 2.1.1 endpoints name no role; ours are stored with the role the peer's party gives them.
        Assert.All(connection["endpoints"]!.AsArray(), e => Assert.NotNull((string?)e!["role"]));

        // A version switched off is neither listed nor routed.
        using var http = new HttpClient();
        var onlyOlder = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, emsp.Url + "/ocpi/2.3.0") { Headers = { { "Authorization", "Token x" } } }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, onlyOlder.StatusCode);

        // Pinning to a version switched off here is refused with the reason.
        var off = await emsp.Admin.PostAsJsonAsync("/admin/connections/invitations", new { name = "x", parties = new[] { "DE*MSP" }, version = "2.3.0" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Contains("switched off", await off.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connectors_2_3_0_added_reach_a_2_3_0_emsp_and_are_left_out_for_older_ones_whose_pages_skip_what_they_cannot_hold()
    {
        await using var cpo = await StartAsync("2.1.1,2.2.1,2.3.0");
        await using var e211 = await StartAsync("2.1.1");
        await using var e221 = await StartAsync("2.2.1");
        await using var e230 = await StartAsync("2.3.0");
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        var links = new Dictionary<string, Link>();
        foreach (var (emsp, party) in new[] { (e211, "DE*E11"), (e221, "DE*E21"), (e230, "DE*E30") })
        {
            await emsp.CreatePartyAsync(party[..2], party[3..], "EMSP");
            links[party] = await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], emsp, [party]);
        }

        // E1: a Type 2 socket and an MCS cable; E2: MCS only (a truck charger).
        var location = Builders.Location("NL", "CPO", "LOC1", "E1", "E2");
        var mcs = Builders.Connector("2");
        mcs["standard"] = "MCS";
        location["evses"]![0]!["connectors"]!.AsArray().Add(mcs);
        location["evses"]![1]!["connectors"]![0]!["standard"] = "MCS";
        await cpo.PublishLocationAsync("NL*CPO", location);
        // And one that every version can hold as it is stored.
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC2", "E3"));

        static string Plugs(JsonObject? l) => l is null ? "none" : string.Join(" ", l["evses"]!.AsArray().Select(e =>
            $"{e!["uid"]}:{string.Join("+", e["connectors"]!.AsArray().Select(c => (string?)c!["standard"]))}"));
        await Scenario.Eventually(async () => Plugs(await e230.ReceivedLocationAsync("DE*E30", "LOC1")) == "E1:IEC_62196_T2+MCS E2:MCS", "2.3.0 gets every plug");
        await Scenario.Eventually(async () => Plugs(await e221.ReceivedLocationAsync("DE*E21", "LOC1")) == "E1:IEC_62196_T2", "2.2.1 gets what it can name");
        await Scenario.Eventually(async () => Plugs(await e211.ReceivedLocationAsync("DE*E11", "LOC1")) == "E1:IEC_62196_T2", "2.1.1 gets what it can name");
        // Pushed as it is stored to 2.2.1, translated for 2.1.1.
        foreach (var (emsp, party) in new[] { (e211, "DE*E11"), (e221, "DE*E21"), (e230, "DE*E30") })
            await Scenario.Eventually(async () => Plugs(await emsp.ReceivedLocationAsync(party, "LOC2")) == "E3:IEC_62196_T2", $"{party} gets LOC2 whole");

        // A status change of the MCS-only EVSE reaches 2.3.0; for the others it is not sent, and the operator sees why.
        await cpo.SetEvseStatusAsync("NL*CPO", "LOC1", "E2", "CHARGING");
        await Scenario.Eventually(async () => await e230.ReceivedEvseStatusAsync("DE*E30", "LOC1", "E2") == "CHARGING", "E2's status reaches 2.3.0");
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("cancelled")).Any(d => (string?)d!["connection_id"] == links["DE*E21"].ServerConnectionId
            && ((string?)d["last_error"] ?? "").Contains("not sent in OCPI 2.2.1", StringComparison.Ordinal)), "the 2.2.1 status PATCH is cancelled with its reason");

        // Pulled by a 2.2.1 eMSP: the EVSE it cannot hold does not exist for it (404, not a failure of ours).
        using (var asE21 = new OcpiClient(await e221.HeldTokenAsync(links["DE*E21"].ClientConnectionId)))
        {
            var evse = await asE21.SendAsync(HttpMethod.Get, cpo.Url + "/ocpi/2.2.1/sender/locations/LOC1/E2", from: "DE*E21", to: "NL*CPO", ct: Ct);
            Assert.Equal((System.Net.HttpStatusCode.NotFound, 2000), (evse.Status, evse.StatusCode));
            // A page mixes both: the location naming MCS is changed for 2.2.1, the other goes as it is stored.
            var page = await asE21.SendAsync(HttpMethod.Get, cpo.Url + "/ocpi/2.2.1/sender/locations", from: "DE*E21", to: "NL*CPO", ct: Ct);
            var pulled = page.Data!.AsArray().ToDictionary(l => (string)l!["id"]!, l => l!.AsObject());
            Assert.Equal(["LOC1", "LOC2"], pulled.Keys.Order());
            Assert.Equal("E1:IEC_62196_T2", Plugs(pulled["LOC1"]));
            Assert.Equal("E3:IEC_62196_T2", Plugs(pulled["LOC2"]));
            Assert.Equal("Stationsplein 1", (string?)pulled["LOC2"]["address"]);
        }

        // A credit CDR cannot be said in 2.1.1: a 2.1.1 eMSP's page of CDRs leaves it out instead of failing.
        await cpo.RecordCdrAsync("NL*CPO", Builders.Cdr("NL*CPO", "CDR1", "DE*E11"));
        var credit = Builders.Cdr("NL*CPO", "CDR1-C", "DE*E11", cost: -4.00m);
        credit["credit"] = true;
        credit["credit_reference_id"] = "CDR1";
        await cpo.RecordCdrAsync("NL*CPO", credit);
        using var asE11 = new OcpiClient(await e211.HeldTokenAsync(links["DE*E11"].ClientConnectionId), raw: true);
        var cdrs = await asE11.SendAsync(HttpMethod.Get, cpo.Url + "/ocpi/2.1.1/sender/cdrs", ct: Ct);
        Assert.Equal((System.Net.HttpStatusCode.OK, 1000), (cdrs.Status, cdrs.StatusCode));
        Assert.Equal(["CDR1"], cdrs.Data!.AsArray().Select(c => (string?)c!["id"]));
    }

    [Fact]
    public async Task A_2_1_1_cpo_s_39_character_ids_and_tariff_patches_are_read_and_stored_while_2_2_1_keeps_its_rules()
    {
        await using var cpo = await StartAsync("2.1.1");
        await using var emsp = await StartAsync("2.1.1,2.2.1,2.3.0");
        await cpo.CreatePartyAsync("NL", "OLD", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        var link = await PlatformInstance.ConnectAsync(cpo, ["NL*OLD"], emsp, ["DE*MSP"]);
        // The CPO's side of the connection holds the token the eMSP issued to it; sent raw, as 2.1.1 does.
        using var asCpo = new OcpiClient(await cpo.HeldTokenAsync(link.ServerConnectionId), raw: true);
        var id = new string('L', 39);
        var uid = new string('E', 39);
        JsonObject Location() => JsonNode.Parse($$"""
            {"id":"{{id}}","type":"ON_STREET","address":"Straat 1","city":"Arnhem","postal_code":"6811AA","country":"NLD",
             "coordinates":{"latitude":"51.980000","longitude":"5.910000"},
             "evses":[{"uid":"{{uid}}","evse_id":"NL*OLD*E1","status":"AVAILABLE","connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET",
               "power_type":"AC_3_PHASE","voltage":230,"amperage":16,"last_updated":"2026-12-01T00:00:00Z"}],"last_updated":"2026-12-01T00:00:00Z"}],
             "last_updated":"2026-12-01T00:00:00Z"}
            """)!.AsObject();

        var put = await asCpo.SendAsync(HttpMethod.Put, $"{emsp.Url}/ocpi/2.1.1/receiver/locations/NL/OLD/{id}", Location(), ct: Ct);
        Assert.True(put.StatusCode == 1000, put.Body);
        var patch = await asCpo.SendAsync(HttpMethod.Patch, $"{emsp.Url}/ocpi/2.1.1/receiver/locations/NL/OLD/{id}/{uid}", new JsonObject { ["status"] = "CHARGING" }, ct: Ct);
        Assert.True(patch.StatusCode == 1000, patch.Body);
        Assert.Equal("CHARGING", await emsp.ReceivedEvseStatusAsync("DE*MSP", id, uid));

        // 2.1.1 lets a CPO PATCH a tariff (2.2.1 does not): merged into the stored one, dated by its arrival.
        var tariff = JsonNode.Parse("""
            {"id":"T1","currency":"EUR","elements":[{"price_components":[{"type":"ENERGY","price":0.25,"step_size":1}]}],
             "last_updated":"2026-12-01T00:00:00Z"}
            """)!;
        Assert.Equal(1000, (await asCpo.SendAsync(HttpMethod.Put, $"{emsp.Url}/ocpi/2.1.1/receiver/tariffs/NL/OLD/T1", tariff, ct: Ct)).StatusCode);
        var cheaper = JsonNode.Parse("""{"elements":[{"price_components":[{"type":"ENERGY","price":0.20,"step_size":1}]}]}""")!;
        var patched = await asCpo.SendAsync(HttpMethod.Patch, $"{emsp.Url}/ocpi/2.1.1/receiver/tariffs/NL/OLD/T1", cheaper, ct: Ct);
        Assert.True(patched.StatusCode == 1000, patched.Body);
        var held = (await emsp.ReceivedAsync("DE*MSP", "tariffs")).Single()!;
        Assert.Equal((0.20m, "EUR"), ((decimal)held["elements"]![0]!["price_components"]![0]!["price"]!, (string?)held["currency"]));
        Assert.True((DateTime)held["last_updated"]! > new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc));
        var broken211 = await asCpo.SendAsync(HttpMethod.Patch, $"{emsp.Url}/ocpi/2.1.1/receiver/tariffs/NL/OLD/T1",
            JsonNode.Parse("""{"currency":"EURO"}""")!, ct: Ct);
        Assert.Equal(2001, broken211.StatusCode);
        var on221 = await asCpo.SendAsync(HttpMethod.Patch, $"{emsp.Url}/ocpi/2.2.1/receiver/tariffs/NL/OLD/T1",
            JsonNode.Parse("""{"currency":"USD","last_updated":"2026-12-03T00:00:00Z"}""")!, ct: Ct);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, on221.Status);
        Assert.Equal("EUR", (string?)(await emsp.ReceivedAsync("DE*MSP", "tariffs")).Single()!["currency"]);

        // A refusal names the field as 2.1.1 spells it.
        var broken = Location();
        broken["evses"]![0]!["connectors"]![0]!["voltage"] = 0;
        var refusedOld = await asCpo.SendAsync(HttpMethod.Put, $"{emsp.Url}/ocpi/2.1.1/receiver/locations/NL/OLD/{id}", broken, ct: Ct);
        Assert.Equal(2001, refusedOld.StatusCode);
        Assert.StartsWith("evses[0].connectors[0].voltage:", refusedOld.StatusMessage, StringComparison.Ordinal);

        // The same ids in a 2.2.1 message are too long for 2.2.1 (36), and nothing is stored.
        var longer = Builders.Location("NL", "OLD", id[..37] + "X");
        var refused = await asCpo.SendAsync(HttpMethod.Put, $"{emsp.Url}/ocpi/2.2.1/receiver/locations/NL/OLD/{longer["id"]}", longer, ct: Ct);
        Assert.Equal(2001, refused.StatusCode);
        Assert.Contains("36", refused.StatusMessage, StringComparison.Ordinal);
        Assert.Null(await emsp.ReceivedLocationAsync("DE*MSP", (string)longer["id"]!));
    }

    [Fact]
    public async Task A_party_with_both_roles_takes_part_in_one_2_1_1_connection_as_cpo_and_in_another_as_emsp()
    {
        await using var both = await StartAsync("2.1.1,2.2.1,2.3.0");
        await using var emsp = await StartAsync("2.1.1");
        await using var cpo = await StartAsync("2.1.1");
        await both.CreatePartyAsync("NL", "DUO", "CPO", "EMSP");
        await both.CreatePartyAsync("NL", "ONE", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await cpo.CreatePartyAsync("BE", "CPO", "CPO");

        // As CPO: the invitation names the role this connection serves.
        var invitation = await both.Admin.PostAsJsonAsync("/admin/connections/invitations",
            new { name = "emsp", parties = new[] { "NL*DUO" }, expires_in_hours = 1, role = "CPO" }, Ct);
        var asCpo = JsonNode.Parse(await invitation.Content.ReadAsStringAsync(Ct))!;
        var registered = await emsp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "duo", versions_url = (string)asCpo["versions_url"]!, token = (string)asCpo["token"]!, parties = new[] { "DE*MSP" } }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        // As eMSP: it registers with the CPO's invitation, naming its role there.
        var fromCpo = await cpo.InviteAsync("duo", "BE*CPO");
        var asEmsp = await both.Admin.PostAsJsonAsync("/admin/connections", new
        {
            name = "cpo", versions_url = (string)fromCpo["versions_url"]!, token = (string)fromCpo["token"]!, parties = new[] { "NL*DUO" }, role = "EMSP",
        }, Ct);
        var asEmspView = JsonNode.Parse(await asEmsp.Content.ReadAsStringAsync(Ct))!;
        Assert.True(asEmsp.StatusCode == System.Net.HttpStatusCode.Created, asEmspView.ToJsonString());
        Assert.Equal(("2.1.1", "EMSP"), ((string?)asEmspView["version"], (string?)asEmspView["role"]));
        Assert.Equal("CPO", (string?)Assert.Single(asEmspView["remote_parties"]!.AsArray())!["role"]);
        Assert.Equal(("2.1.1", "CPO"), ((string?)(await ConnectionAsync(both, (string)asCpo["connection_id"]!))["version"],
            (string?)(await ConnectionAsync(both, (string)asCpo["connection_id"]!))["role"]));

        // Each connection carries its own role pair: NL*DUO's locations reach the eMSP, and the CPO's reach NL*DUO.
        await both.PublishLocationAsync("NL*DUO", Builders.Location("NL", "DUO", "DUO1"));
        await cpo.PublishLocationAsync("BE*CPO", Builders.Location("BE", "CPO", "BEL1"));
        await Scenario.Eventually(async () => await emsp.ReceivedLocationAsync("DE*MSP", "DUO1") is not null, "NL*DUO's location reaches the 2.1.1 eMSP");
        await Scenario.Eventually(async () => await both.ReceivedLocationAsync("NL*DUO", "BEL1") is not null, "the 2.1.1 CPO's location reaches NL*DUO");

        // A role the party lacks, or no role at all, is refused with the reason.
        var lacking = await both.Admin.PostAsJsonAsync("/admin/connections/invitations", new { name = "x", parties = new[] { "NL*ONE" }, role = "EMSP" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, lacking.StatusCode);
        Assert.Contains("NL*ONE is not a EMSP", await lacking.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var hub = await both.Admin.PostAsJsonAsync("/admin/connections/invitations", new { name = "x", parties = new[] { "NL*DUO" }, role = "HUB" }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, hub.StatusCode);
    }
}
