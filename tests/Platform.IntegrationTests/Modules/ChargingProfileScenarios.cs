using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// Two platforms over real HTTP: the CPO platform hosts NL*CPO (connected to the eMSP platform's DE*MSP and
/// DE*MS2) and NL*OTH (outside that connection); the eMSP platform also hosts DE*XYZ, connected to no one.
/// NL*CPO publishes LOC1 (EVSE1, connector 1 of 16 A); its simulated chargers answer after 300 ms.
/// </summary>
public sealed class ChargingProfileNetwork : IAsyncLifetime
{
    public PlatformInstance Cpo { get; private set; } = null!;
    public PlatformInstance Emsp { get; private set; } = null!;
    public Link Link { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cpo = await PlatformInstance.StartAsync();
        Emsp = await PlatformInstance.StartAsync();
        await Cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await Cpo.CreatePartyAsync("NL", "OTH", "CPO");
        await Emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await Emsp.CreatePartyAsync("DE", "MS2", "EMSP");
        await Emsp.CreatePartyAsync("DE", "XYZ", "EMSP");
        Link = await PlatformInstance.ConnectAsync(Cpo, ["NL*CPO"], Emsp, ["DE*MSP", "DE*MS2"]);
        Cpo.Configure("ChargePoints:Simulator:DelayMilliseconds", "300");
        await Cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "EVSE1"));
    }

    public async ValueTask DisposeAsync()
    {
        await Cpo.DisposeAsync();
        await Emsp.DisposeAsync();
    }
}

public sealed class ChargingProfileScenarios(ChargingProfileNetwork net) : IClassFixture<ChargingProfileNetwork>
{
    private const string Cpo = "NL*CPO", Msp = "DE*MSP";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ReceiverUrl => net.Cpo.Url + "/ocpi/2.2.1/receiver/chargingprofiles";

    private string PeerResponseUrl => net.Emsp.Url + "/ocpi/2.2.1/sender/chargingprofiles/results/peer-made";

    private static JsonObject Profile(decimal limit) => new()
    {
        ["charging_rate_unit"] = "A",
        ["charging_profile_period"] = new JsonArray(new JsonObject { ["start_period"] = 0, ["limit"] = limit }),
    };

    /// <summary>A session of NL*CPO for a token of <paramref name="emsp"/>, held by that eMSP too.</summary>
    private async Task SessionAsync(string id, string emsp = Msp)
    {
        await net.Cpo.FeedSessionAsync(Cpo, Builders.Session(Cpo, id, emsp));
        await Scenario.Eventually(async () => (await net.Emsp.ReceivedIdsAsync(emsp, "sessions")).Contains(id), $"{emsp} holds session {id}");
    }

    private async Task<string> AcceptedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode} {text}");
        return (string)JsonNode.Parse(text)!["id"]!;
    }

    private async Task<JsonObject> OverviewAsync(string sessionId, string emsp = Msp) =>
        JsonNode.Parse(await net.Emsp.Admin.GetStringAsync($"/admin/parties/{emsp[..2]}/{emsp[3..]}/emsp/chargingprofiles/{sessionId}", Ct))!.AsObject();

    /// <summary>Waits until request <paramref name="id"/> has its result, then returns it as the overview shows it.</summary>
    private async Task<JsonObject> ResultOfAsync(string sessionId, string id, string state = "result_received")
    {
        JsonObject? request = null;
        await Scenario.Eventually(async () =>
        {
            request = (await OverviewAsync(sessionId))["requests"]!.AsArray().OfType<JsonObject>().FirstOrDefault(r => (string?)r["id"] == id);
            return (string?)request?["state"] == state;
        }, $"charging profile request {id} reaches {state}");
        return request!;
    }

    private static decimal? ActiveLimit(JsonObject overview) =>
        (decimal?)overview["active_charging_profile"]?["charging_profile"]?["charging_profile_period"]?[0]?["limit"];

    [Fact]
    public async Task Set_get_and_clear_a_profile_with_each_result_at_the_response_url_and_the_emsp_hears_what_applies_after_the_clear()
    {
        await SessionAsync("S-CP1");

        var set = await AcceptedAsync(await net.Emsp.Admin.PutAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-CP1",
            new JsonObject { ["charging_profile"] = Profile(10.0m) }, Ct));
        var setResult = await ResultOfAsync("S-CP1", set);
        Assert.Equal(["ACCEPTED", "ACCEPTED", "NL*CPO", "SET"], [(string)setResult["response"]!["result"]!, (string)setResult["result"]!["result"]!,
            (string)setResult["cpo"]!, (string)setResult["type"]!]);
        Assert.Equal($"{net.Emsp.Url}/ocpi/2.2.1/sender/chargingprofiles/results/{set}", (string)setResult["request"]!["response_url"]!);

        var get = await AcceptedAsync(await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-CP1/active",
            new JsonObject { ["duration"] = 900 }, Ct));
        var getResult = await ResultOfAsync("S-CP1", get);
        Assert.Equal("ACCEPTED", (string?)getResult["result"]!["result"]);
        Assert.Equal(10.0m, (decimal)getResult["result"]!["profile"]!["charging_profile"]!["charging_profile_period"]![0]!["limit"]!);
        Assert.Equal(10.0m, ActiveLimit(await OverviewAsync("S-CP1")));

        var clear = await AcceptedAsync(await net.Emsp.Admin.DeleteAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-CP1?cpo=NL*CPO", Ct));
        Assert.Equal("ACCEPTED", (string?)(await ResultOfAsync("S-CP1", clear))["result"]!["result"]);
        // P3: the eMSP set a profile on this session, so it is told what applies now: the EVSE's maximum, 16 A.
        await Scenario.Eventually(async () => ActiveLimit(await OverviewAsync("S-CP1")) == 16m, "the eMSP hears the EVSE's maximum after the clear");

        var again = await AcceptedAsync(await net.Emsp.Admin.DeleteAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-CP1", Ct));
        Assert.Equal("UNKNOWN", (string?)(await ResultOfAsync("S-CP1", again))["result"]!["result"]);
        var latest = (await OverviewAsync("S-CP1"))["latest"]!;
        Assert.Equal(again, (string?)latest["id"]);
    }

    [Fact]
    public async Task A_result_whose_profile_cannot_be_stored_is_not_recorded_either_and_arrives_whole_when_the_cpo_sends_it_again()
    {
        await SessionAsync("S-ATOM");
        var set = await AcceptedAsync(await net.Emsp.Admin.PutAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-ATOM",
            new JsonObject { ["charging_profile"] = Profile(12.0m) }, Ct));
        await ResultOfAsync("S-ATOM", set);

        // The eMSP's store refuses the active profile the GET's result carries, after the result itself was written.
        await net.Emsp.ExecuteSqlAsync("""
            CREATE TRIGGER refuse_active_profile BEFORE INSERT ON ocpi_objects WHEN NEW.module = 'chargingprofiles'
            BEGIN SELECT RAISE(ABORT, 'the store refused the profile'); END
            """);
        try
        {
            var get = await AcceptedAsync(await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-ATOM/active",
                new JsonObject { ["duration"] = 900 }, Ct));
            await Scenario.Eventually(async () => await net.Cpo.ScalarAsync<string>(
                    "SELECT last_error FROM result_posts WHERE url LIKE '%/results/' || @Id", new { Id = get }) is not null,
                "the CPO's post of the result was refused once");

            // One transaction: the refused profile took the result with it, so the request still waits for its result.
            var request = (await OverviewAsync("S-ATOM"))["requests"]!.AsArray().OfType<JsonObject>().Single(r => (string?)r["id"] == get);
            Assert.NotEqual("result_received", (string?)request["state"]);
            Assert.Null(ActiveLimit(await OverviewAsync("S-ATOM")));

            await net.Emsp.ExecuteSqlAsync("DROP TRIGGER refuse_active_profile");
            // The CPO sends it again after its backoff: the result and its profile arrive together.
            var result = await ResultOfAsync("S-ATOM", get);
            Assert.Equal("ACCEPTED", (string?)result["result"]!["result"]);
            Assert.Equal(12.0m, ActiveLimit(await OverviewAsync("S-ATOM")));
        }
        finally
        {
            await net.Emsp.ExecuteSqlAsync("DROP TRIGGER IF EXISTS refuse_active_profile");
        }
    }

    [Fact]
    public async Task A_session_where_no_profile_was_set_gets_no_active_profile_update_when_cleared()
    {
        await SessionAsync("S-NOSET");
        var clear = await AcceptedAsync(await net.Emsp.Admin.DeleteAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-NOSET", Ct));
        Assert.Equal("UNKNOWN", (string?)(await ResultOfAsync("S-NOSET", clear))["result"]!["result"]);
        await Scenario.Stays(async () => (await OverviewAsync("S-NOSET"))["active_charging_profile"] is null, "no ActiveChargingProfile is PUT (P3)");
    }

    [Fact]
    public async Task The_receiver_answers_at_once_refuses_bad_input_with_2001_other_emsps_sessions_as_unknown_and_floods_with_too_often()
    {
        await SessionAsync("S-RX");
        await SessionAsync("S-OF-MS2", "DE*MS2");
        using var asEmsp = new OcpiClient(await net.Emsp.HeldTokenAsync(net.Link.ClientConnectionId));
        var responseUrl = Uri.EscapeDataString(PeerResponseUrl);

        var noDuration = await asEmsp.SendAsync(HttpMethod.Get, $"{ReceiverUrl}/S-RX?response_url={responseUrl}", from: Msp, to: Cpo, ct: Ct);
        Assert.Equal((HttpStatusCode.OK, 2001), (noDuration.Status, noDuration.StatusCode));
        Assert.Contains("duration", noDuration.StatusMessage);
        var noUrl = await asEmsp.SendAsync(HttpMethod.Delete, $"{ReceiverUrl}/S-RX", from: Msp, to: Cpo, ct: Ct);
        Assert.Equal(2001, noUrl.StatusCode);
        var badProfile = await asEmsp.SendAsync(HttpMethod.Put, $"{ReceiverUrl}/S-RX",
            new JsonObject { ["charging_profile"] = Profile(-1m), ["response_url"] = PeerResponseUrl }, from: Msp, to: Cpo, ct: Ct);
        Assert.Equal(2001, badProfile.StatusCode);
        Assert.Contains("limit", badProfile.StatusMessage);

        var unknown = await asEmsp.SendAsync(HttpMethod.Get, $"{ReceiverUrl}/NO-SUCH?duration=60&response_url={responseUrl}", from: Msp, to: Cpo, ct: Ct);
        Assert.Equal((1000, "UNKNOWN_SESSION"), (unknown.StatusCode, (string?)unknown.Data!["result"]));
        var foreign = await asEmsp.SendAsync(HttpMethod.Get, $"{ReceiverUrl}/S-OF-MS2?duration=60&response_url={responseUrl}", from: Msp, to: Cpo, ct: Ct);
        Assert.Equal("UNKNOWN_SESSION", (string?)foreign.Data!["result"]);

        net.Cpo.Configure("ChargingProfiles:MaxRequestsPerSessionPerMinute", "3");
        try
        {
            var answers = new List<string?>();
            for (var i = 0; i < 4; i++)
                answers.Add((string?)(await asEmsp.SendAsync(HttpMethod.Get, $"{ReceiverUrl}/S-RX?duration=60&response_url={responseUrl}", from: Msp, to: Cpo, ct: Ct))
                    .Data!["result"]);
            Assert.Equal(["ACCEPTED", "ACCEPTED", "ACCEPTED", "TOO_OFTEN"], answers);
        }
        finally
        {
            net.Cpo.Configure("ChargingProfiles:MaxRequestsPerSessionPerMinute", "10");
        }
        var first = await asEmsp.SendAsync(HttpMethod.Get, $"{ReceiverUrl}/S-CP-FRESH?duration=60&response_url={responseUrl}", from: Msp, to: Cpo, ct: Ct);
        Assert.True((int)first.Data!["timeout"]! > 0);
    }

    [Fact]
    public async Task Requests_at_once_about_one_session_pass_the_too_often_limit_exactly_as_many_times_as_it_allows()
    {
        await SessionAsync("S-RACE");
        using var asEmsp = new OcpiClient(await net.Emsp.HeldTokenAsync(net.Link.ClientConnectionId));
        var url = $"{ReceiverUrl}/S-RACE?duration=60&response_url={Uri.EscapeDataString(PeerResponseUrl)}";
        net.Cpo.Configure("ChargingProfiles:MaxRequestsPerSessionPerMinute", "3");
        try
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => asEmsp.SendAsync(HttpMethod.Get, url, from: Msp, to: Cpo, ct: Ct)));
            var results = answers.Select(a => (string?)a.Data?["result"]).ToList();
            Assert.Equal(21, results.Count(r => r == "TOO_OFTEN"));
            Assert.Equal(3, results.Count(r => r == "ACCEPTED"));
        }
        finally
        {
            net.Cpo.Configure("ChargingProfiles:MaxRequestsPerSessionPerMinute", "10");
        }
    }

    [Fact]
    public async Task The_sender_side_answers_without_data_and_takes_results_only_from_the_connection_the_request_went_over()
    {
        await SessionAsync("S-TX");
        using var asCpo = new OcpiClient(await net.Cpo.HeldTokenAsync(net.Link.ServerConnectionId));
        var senderUrl = net.Emsp.Url + "/ocpi/2.2.1/sender/chargingprofiles";

        var update = new JsonObject { ["start_date_time"] = Builders.Now, ["charging_profile"] = Profile(12.5m) };
        var put = await asCpo.SendAsync(HttpMethod.Put, $"{senderUrl}/S-TX", update, from: Cpo, to: Msp, ct: Ct);
        Assert.Equal((HttpStatusCode.OK, 1000), (put.Status, put.StatusCode));
        Assert.False(put.Envelope!.ContainsKey("data"), put.Body);
        Assert.Equal(12.5m, ActiveLimit(await OverviewAsync("S-TX")));
        var badPut = await asCpo.SendAsync(HttpMethod.Put, $"{senderUrl}/S-TX", new JsonObject { ["charging_profile"] = Profile(1m) }, from: Cpo, to: Msp, ct: Ct);
        Assert.Equal(2001, badPut.StatusCode);

        // A request the CPO never answers in time: the simulated charger of S-TX is slowed down for it.
        net.Cpo.Configure("ChargePoints:Simulator:DelayMilliseconds", "600000");
        string id;
        try
        {
            id = await AcceptedAsync(await net.Emsp.Admin.PutAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-TX",
                new JsonObject { ["cpo"] = Cpo, ["charging_profile"] = Profile(8m) }, Ct));
            await ResultOfAsync("S-TX", id, "accepted");
        }
        finally
        {
            net.Cpo.Configure("ChargePoints:Simulator:DelayMilliseconds", "300");
        }
        var resultUrl = $"{senderUrl}/results/{id}";
        var wrongShape = await asCpo.SendAsync(HttpMethod.Post, resultUrl, new JsonObject { ["result"] = "PERHAPS" }, from: Cpo, to: Msp, ct: Ct);
        Assert.Equal(2001, wrongShape.StatusCode);
        using var asMs2Side = new OcpiClient(await net.Cpo.HeldTokenAsync(net.Link.ServerConnectionId));
        var toOtherEmsp = await asMs2Side.SendAsync(HttpMethod.Post, resultUrl, new JsonObject { ["result"] = "ACCEPTED" }, from: Cpo, to: "DE*MS2", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, toOtherEmsp.Status);

        var posted = await asCpo.SendAsync(HttpMethod.Post, resultUrl, new JsonObject { ["result"] = "ACCEPTED" }, from: Cpo, to: Msp, ct: Ct);
        Assert.Equal((HttpStatusCode.OK, 1000), (posted.Status, posted.StatusCode));
        Assert.False(posted.Envelope!.ContainsKey("data"), posted.Body);
        Assert.Equal("ACCEPTED", (string?)(await ResultOfAsync("S-TX", id))["result"]!["result"]);
    }

    [Fact]
    public async Task Back_office_refusals_and_isolation_of_every_chargingprofiles_endpoint()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await net.Emsp.Admin.PutAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/NOT-HELD",
            new JsonObject { ["charging_profile"] = Profile(10m) }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await net.Emsp.Admin.PutAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-X",
            new JsonObject { ["cpo"] = Cpo, ["charging_profile"] = new JsonObject { ["charging_rate_unit"] = "HP" } }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-X/active",
            new JsonObject { ["cpo"] = Cpo }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await net.Emsp.Admin.GetAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/NEVER-ASKED", Ct)).StatusCode);
        var unreachable = await AcceptedAsync(await net.Emsp.Admin.DeleteAsync("/admin/parties/DE/XYZ/emsp/chargingprofiles/S-X?cpo=NL*CPO", Ct));
        var failed = JsonNode.Parse(await net.Emsp.Admin.GetStringAsync("/admin/parties/DE/XYZ/emsp/chargingprofiles/S-X", Ct))!["latest"]!;
        Assert.Equal((unreachable, "failed"), ((string?)failed["id"], (string?)failed["state"]));

        using var noKey = new HttpClient { BaseAddress = new Uri(net.Emsp.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.PutAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-X", new JsonObject(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.DeleteAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-X", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-X", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/chargingprofiles/S-X/active", new JsonObject(), Ct)).StatusCode);

        using var anonymous = new OcpiClient();
        var senderUrl = net.Emsp.Url + "/ocpi/2.2.1/sender/chargingprofiles";
        var responseUrl = Uri.EscapeDataString(PeerResponseUrl);
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, $"{ReceiverUrl}/S-X?duration=60&response_url={responseUrl}"), (HttpMethod.Put, $"{ReceiverUrl}/S-X"),
                     (HttpMethod.Delete, $"{ReceiverUrl}/S-X?response_url={responseUrl}"), (HttpMethod.Post, $"{senderUrl}/results/x"),
                     (HttpMethod.Put, $"{senderUrl}/S-X"),
                 })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(method, url, method == HttpMethod.Get || method == HttpMethod.Delete ? null : new JsonObject(), ct: Ct)).Status);

        // NL*OTH and DE*XYZ are hosted on the same platforms but take no part in the caller's connection.
        using var asEmsp = new OcpiClient(await net.Emsp.HeldTokenAsync(net.Link.ClientConnectionId));
        Assert.Equal(HttpStatusCode.NotFound,
            (await asEmsp.SendAsync(HttpMethod.Get, $"{ReceiverUrl}/S-X?duration=60&response_url={responseUrl}", from: Msp, to: "NL*OTH", ct: Ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asEmsp.SendAsync(HttpMethod.Delete, $"{ReceiverUrl}/S-X?response_url={responseUrl}", from: Msp, to: "NL*OTH", ct: Ct)).Status);
        using var asCpo = new OcpiClient(await net.Cpo.HeldTokenAsync(net.Link.ServerConnectionId));
        var update = new JsonObject { ["start_date_time"] = Builders.Now, ["charging_profile"] = Profile(10m) };
        Assert.Equal(HttpStatusCode.NotFound, (await asCpo.SendAsync(HttpMethod.Put, $"{senderUrl}/S-X", update, from: Cpo, to: "DE*XYZ", ct: Ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await asCpo.SendAsync(HttpMethod.Post, $"{senderUrl}/results/x", new JsonObject { ["result"] = "ACCEPTED" }, from: Cpo, to: "DE*XYZ", ct: Ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await asCpo.SendAsync(HttpMethod.Post, $"{senderUrl}/results/x", new JsonObject { ["result"] = "ACCEPTED" }, from: Cpo, to: Msp, ct: Ct)).Status);
    }

    [Fact]
    public async Task Over_an_internal_connection_a_profile_is_set_and_read_back_without_http_to_ourselves()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        await platform.CreatePartyAsync("NL", "MSP", "EMSP");
        await platform.ConnectInternallyAsync("NL*CPO", "NL*MSP");
        await platform.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "EVSE1"));
        await platform.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S-IN", "NL*MSP"));
        await Scenario.Eventually(async () => (await platform.ReceivedIdsAsync("NL*MSP", "sessions")).Contains("S-IN"), "the hosted eMSP holds S-IN");

        var set = await AcceptedAsync(await platform.Admin.PutAsJsonAsync("/admin/parties/NL/MSP/emsp/chargingprofiles/S-IN",
            new JsonObject { ["charging_profile"] = Profile(7m) }, Ct));
        JsonObject? overview = null;
        await Scenario.Eventually(async () =>
        {
            overview = JsonNode.Parse(await platform.Admin.GetStringAsync("/admin/parties/NL/MSP/emsp/chargingprofiles/S-IN", Ct))!.AsObject();
            return (string?)overview["latest"]?["state"] == "result_received";
        }, "the SET result reaches the hosted eMSP");
        Assert.Equal((set, "ACCEPTED"), ((string?)overview!["latest"]!["id"], (string?)overview["latest"]!["result"]!["result"]));
        Assert.DoesNotContain(platform.Log.Lines, l => l.Contains("Peer call", StringComparison.Ordinal) && l.Contains("chargingprofiles", StringComparison.Ordinal));
    }
}
