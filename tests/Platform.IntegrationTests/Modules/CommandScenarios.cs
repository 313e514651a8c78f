using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// Three platforms over real HTTP. The CPO platform hosts NL*CPO (connected to the eMSP platform's DE*MSP and
/// DE*MS2) and NL*OTH (a CPO outside that connection). A second CPO platform hosts NL*ZZZ, connected to DE*MSP
/// only. The eMSP platform also hosts DE*XYZ, connected to no one. The CPO platform's simulated chargers answer
/// after 300 ms, and never at location SILENT (<c>ChargePoints:Simulator:SilentLocations</c>).
/// </summary>
public sealed class CommandNetwork : IAsyncLifetime
{
    public const string Silent = "SILENT";

    public PlatformInstance Cpo { get; private set; } = null!;
    public PlatformInstance Emsp { get; private set; } = null!;
    public PlatformInstance OtherCpo { get; private set; } = null!;
    public Link Link { get; private set; } = null!;
    public Link OtherLink { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cpo = await PlatformInstance.StartAsync();
        Emsp = await PlatformInstance.StartAsync();
        OtherCpo = await PlatformInstance.StartAsync();
        await Cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await Cpo.CreatePartyAsync("NL", "OTH", "CPO");
        await Emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await Emsp.CreatePartyAsync("DE", "MS2", "EMSP");
        await Emsp.CreatePartyAsync("DE", "XYZ", "EMSP");
        await OtherCpo.CreatePartyAsync("NL", "ZZZ", "CPO");
        Link = await PlatformInstance.ConnectAsync(Cpo, ["NL*CPO"], Emsp, ["DE*MSP", "DE*MS2"]);
        OtherLink = await PlatformInstance.ConnectAsync(OtherCpo, ["NL*ZZZ"], Emsp, ["DE*MSP"]);
        Cpo.Configure("ChargePoints:Simulator:DelayMilliseconds", "300");
        Cpo.Configure("ChargePoints:Simulator:SilentLocations:0", Silent);
    }

    public async ValueTask DisposeAsync()
    {
        await Cpo.DisposeAsync();
        await Emsp.DisposeAsync();
        await OtherCpo.DisposeAsync();
    }
}

public sealed class CommandScenarios(CommandNetwork net) : IClassFixture<CommandNetwork>
{
    private const string Cpo = "NL*CPO", Msp = "DE*MSP";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string CommandsUrl => net.Cpo.Url + "/ocpi/2.2.1/receiver/commands";

    [Fact]
    public async Task Start_session_from_the_emsp_back_office_is_accepted_then_stop_session_completes_it_and_its_cdr_follows()
    {
        await net.Cpo.PublishLocationAsync(Cpo, Builders.Location("NL", "CPO", "LOC-START", "EVSE1"));

        var startId = await net.Emsp.SendCommandAsync(Msp, "START_SESSION", CommandSteps.StartSession(Cpo, Msp, "LOC-START", authorizationReference: "AUTH-START"));
        var start = await net.Emsp.CommandInStateAsync(Msp, startId, "result_received");
        Assert.Equal("ACCEPTED", start.Response());
        Assert.Equal(30, (int)start["response"]!["timeout"]!);
        Assert.Equal("ACCEPTED", start.Result());
        Assert.Equal(["NL*CPO", "START_SESSION"], [(string)start["cpo"]!, (string)start["type"]!]);
        Assert.Equal($"{net.Emsp.Url}/ocpi/2.2.1/sender/commands/START_SESSION/{startId}", (string)start["request"]!["response_url"]!);

        JsonObject? session = null;
        await Scenario.Eventually(async () => (session = (await net.Emsp.ReceivedAsync(Msp, "sessions")).OfType<JsonObject>()
            .FirstOrDefault(s => (string?)s["authorization_reference"] == "AUTH-START")) is not null, "the started session reaches the eMSP");
        Assert.Equal("ACTIVE", (string?)session!["status"]);
        Assert.Equal("COMMAND", (string?)session["auth_method"]);
        Assert.Equal(["LOC-START", "EVSE1", "1"], [(string)session["location_id"]!, (string)session["evse_uid"]!, (string)session["connector_id"]!]);
        Assert.Equal(["DE", "MSP", "RFID0001"], [(string)session["cdr_token"]!["country_code"]!, (string)session["cdr_token"]!["party_id"]!,
            (string)session["cdr_token"]!["uid"]!]);
        Assert.Equal("CHARGING", await net.Cpo.CpoEvseStatusAsync(Cpo, "LOC-START", "EVSE1"));
        var sessionId = (string)session["id"]!;

        var stopId = await net.Emsp.SendCommandAsync(Msp, "STOP_SESSION", new JsonObject { ["cpo"] = Cpo, ["session_id"] = sessionId });
        var stop = await net.Emsp.CommandInStateAsync(Msp, stopId, "result_received");
        Assert.Equal(["ACCEPTED", "ACCEPTED"], [stop.Response(), stop.Result()]);
        await Scenario.Eventually(async () => (await net.Emsp.ReceivedAsync(Msp, "sessions")).OfType<JsonObject>()
            .Any(s => (string?)s["id"] == sessionId && (string?)s["status"] == "COMPLETED" && s["end_date_time"] is not null), "the session completes at the eMSP");
        JsonObject? cdr = null;
        await Scenario.Eventually(async () => (cdr = (await net.Emsp.ReceivedAsync(Msp, "cdrs")).OfType<JsonObject>()
            .FirstOrDefault(c => (string?)c["session_id"] == sessionId)) is not null, "the session's CDR reaches the eMSP");
        Assert.Equal(["COMMAND", "AUTH-START", "LOC-START"], [(string)cdr!["auth_method"]!, (string)cdr["authorization_reference"]!,
            (string)cdr["cdr_location"]!["id"]!]);
        Assert.Equal("AVAILABLE", await net.Cpo.CpoEvseStatusAsync(Cpo, "LOC-START", "EVSE1"));

        // Stopping it again: the charger has no active session any more.
        var again = await net.Emsp.SendCommandAsync(Msp, "STOP_SESSION", new JsonObject { ["cpo"] = Cpo, ["session_id"] = sessionId });
        Assert.Equal("REJECTED", (await net.Emsp.CommandInStateAsync(Msp, again, "result_received")).Result());
    }

    [Fact]
    public async Task Rejections_an_occupied_or_broken_evse_fails_at_the_charger_an_unknown_evse_or_session_is_refused_at_once()
    {
        var location = Builders.Location("NL", "CPO", "LOC-REJ", "FREE", "BUSY", "BROKEN");
        location["evses"]![1]!["status"] = "CHARGING";
        location["evses"]![2]!["status"] = "OUTOFORDER";
        await net.Cpo.PublishLocationAsync(Cpo, location);

        var busy = await net.Emsp.SendCommandAsync(Msp, "START_SESSION", CommandSteps.StartSession(Cpo, Msp, "LOC-REJ", "BUSY"));
        var broken = await net.Emsp.SendCommandAsync(Msp, "START_SESSION", CommandSteps.StartSession(Cpo, Msp, "LOC-REJ", "BROKEN"));
        var unknownEvse = await net.Emsp.SendCommandAsync(Msp, "START_SESSION", CommandSteps.StartSession(Cpo, Msp, "LOC-REJ", "NOPE"));
        var unknownSession = await net.Emsp.SendCommandAsync(Msp, "STOP_SESSION", new JsonObject { ["cpo"] = Cpo, ["session_id"] = "NO-SUCH-SESSION" });

        Assert.Equal(["ACCEPTED", "EVSE_OCCUPIED"], [(await net.Emsp.CommandInStateAsync(Msp, busy, "result_received")) is var b ? b.Response() : null, b.Result()]);
        Assert.Equal("EVSE_INOPERATIVE", (await net.Emsp.CommandInStateAsync(Msp, broken, "result_received")).Result());
        var refused = await net.Emsp.CommandInStateAsync(Msp, unknownEvse, "rejected");
        Assert.Equal("REJECTED", refused.Response());
        Assert.Null(refused["result"]);
        Assert.Equal("UNKNOWN_SESSION", (await net.Emsp.CommandInStateAsync(Msp, unknownSession, "rejected")).Response());

        // A session whose token belongs to another eMSP is as unknown as one that does not exist.
        await net.Cpo.FeedSessionAsync(Cpo, Builders.Session(Cpo, "S-OF-MS2", "DE*MS2"));
        var foreign = await net.Emsp.SendCommandAsync(Msp, "STOP_SESSION", new JsonObject { ["cpo"] = Cpo, ["session_id"] = "S-OF-MS2" });
        Assert.Equal("UNKNOWN_SESSION", (await net.Emsp.CommandInStateAsync(Msp, foreign, "rejected")).Response());
        Assert.DoesNotContain(await net.Emsp.ReceivedAsync(Msp, "sessions"), s => (string?)s!["location_id"] == "LOC-REJ");
    }

    [Fact]
    public async Task Unknown_location_is_answered_2003_with_rejected_both_to_a_peer_and_in_the_back_office()
    {
        using var asEmsp = new OcpiClient(await net.Emsp.HeldTokenAsync(net.Link.ClientConnectionId));
        var body = CommandSteps.StartSession(Cpo, Msp, "NO-SUCH-LOC");
        body.Remove("cpo");
        body["response_url"] = net.Emsp.Url + "/ocpi/2.2.1/sender/commands/START_SESSION/peer-made";
        var answer = await asEmsp.SendAsync(HttpMethod.Post, CommandsUrl + "/START_SESSION", body, from: Msp, to: Cpo, ct: Ct);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(2003, answer.StatusCode);
        Assert.Equal("REJECTED", (string?)answer.Data!["result"]);
        Assert.True((int)answer.Data["timeout"]! > 0);

        var id = await net.Emsp.SendCommandAsync(Msp, "START_SESSION", CommandSteps.StartSession(Cpo, Msp, "NO-SUCH-LOC"));
        var command = await net.Emsp.CommandInStateAsync(Msp, id, "rejected");
        Assert.Equal("REJECTED", command.Response());
        Assert.Contains("2003", (string?)command["reason"]);
    }

    [Fact]
    public async Task The_cpo_answers_bad_commands_with_2001_and_does_not_check_the_token_but_refuses_another_emsps_token()
    {
        await net.Cpo.PublishLocationAsync(Cpo, Builders.Location("NL", "CPO", "LOC-BAD", "EVSE1"));
        using var asEmsp = new OcpiClient(await net.Emsp.HeldTokenAsync(net.Link.ClientConnectionId));
        var url = CommandsUrl + "/START_SESSION";
        var valid = CommandSteps.StartSession(Cpo, Msp, "LOC-BAD");
        valid.Remove("cpo");
        valid["response_url"] = net.Emsp.Url + "/ocpi/2.2.1/sender/commands/START_SESSION/peer-made-2";

        var noUrl = valid.DeepClone().AsObject();
        noUrl.Remove("response_url");
        var missing = await asEmsp.SendAsync(HttpMethod.Post, url, noUrl, from: Msp, to: Cpo, ct: Ct);
        Assert.Equal((HttpStatusCode.OK, 2001), (missing.Status, missing.StatusCode));
        Assert.Contains("response_url", missing.StatusMessage);

        var foreign = valid.DeepClone().AsObject();
        foreign["token"] = CommandSteps.Token("DE*MS2");
        var notOwn = await asEmsp.SendAsync(HttpMethod.Post, url, foreign, from: Msp, to: Cpo, ct: Ct);
        Assert.Equal(2001, notOwn.StatusCode);
        Assert.Contains("token", notOwn.StatusMessage);

        Assert.Equal(HttpStatusCode.BadRequest, (await asEmsp.SendAsync(HttpMethod.Post, url, "{not json", from: Msp, to: Cpo, ct: Ct)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asEmsp.SendAsync(HttpMethod.Post, CommandsUrl + "/SELF_DESTRUCT", valid, from: Msp, to: Cpo, ct: Ct)).Status);

        // M4: an invalid, unknown, never-pushed token is not checked; the command goes to the charger.
        var invalidToken = valid.DeepClone().AsObject();
        invalidToken["token"]!["valid"] = false;
        invalidToken["token"]!["uid"] = "NEVER-PUSHED";
        var accepted = await asEmsp.SendAsync(HttpMethod.Post, url, invalidToken, from: Msp, to: Cpo, ct: Ct);
        Assert.Equal((1000, "ACCEPTED"), (accepted.StatusCode, (string?)accepted.Data!["result"]));

        var adminBad = await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/commands/START_SESSION",
            new JsonObject { ["cpo"] = Cpo, ["location_id"] = "LOC-BAD" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, adminBad.StatusCode);
        Assert.Contains("token", await adminBad.Content.ReadAsStringAsync(Ct));
        var noCpo = await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/commands/START_SESSION", CommandSteps.StartSession("nobody", Msp, "LOC-BAD"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noCpo.StatusCode);
        var foreignToken = CommandSteps.StartSession(Cpo, Msp, "LOC-BAD");
        foreignToken["token"] = CommandSteps.Token("DE*MS2");
        Assert.Equal(HttpStatusCode.BadRequest, (await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/commands/START_SESSION", foreignToken, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await net.Emsp.Admin.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/commands/SELF_DESTRUCT", valid, Ct)).StatusCode);
    }

    [Fact]
    public async Task A_command_to_a_cpo_no_connection_reaches_fails_with_a_reason()
    {
        var id = await net.Emsp.SendCommandAsync("DE*XYZ", "START_SESSION", CommandSteps.StartSession(Cpo, "DE*XYZ", "LOC1"));
        var command = await net.Emsp.CommandAsync("DE*XYZ", id);
        Assert.Equal("failed", (string?)command["state"]);
        Assert.Contains("NL*CPO", (string?)command["reason"]);
        Assert.Null(command["response"]);

        // NL*OTH is hosted on the CPO platform, but DE*MSP's connection does not carry it.
        var other = await net.Emsp.SendCommandAsync(Msp, "START_SESSION", CommandSteps.StartSession("NL*OTH", Msp, "LOC1"));
        Assert.Equal("failed", (string?)(await net.Emsp.CommandAsync(Msp, other))["state"]);
    }

    [Fact]
    public async Task A_result_that_never_comes_leaves_the_command_timed_out_after_the_cpos_timeout()
    {
        await using var cpo = await PlatformInstance.StartAsync();
        await using var emsp = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await PlatformInstance.ConnectAsync(cpo, [Cpo], emsp, [Msp]);
        cpo.Configure("Commands:ResultTimeoutSeconds", "2");
        cpo.Configure("ChargePoints:Simulator:SilentLocations:0", "SILENT");
        await cpo.PublishLocationAsync(Cpo, Builders.Location("NL", "CPO", "SILENT", "EVSE1"));

        var id = await emsp.SendCommandAsync(Msp, "START_SESSION", CommandSteps.StartSession(Cpo, Msp, "SILENT"));
        var accepted = await emsp.CommandInStateAsync(Msp, id, "accepted", "timed_out");
        Assert.Equal(2, (int)accepted["response"]!["timeout"]!);
        var timedOut = await emsp.CommandInStateAsync(Msp, id, "timed_out");
        Assert.Null(timedOut["result"]);
        Assert.Equal("ACCEPTED", timedOut.Response());
        Assert.Contains("timeout", (string?)timedOut["reason"]);
    }

    [Fact]
    public async Task Reserve_now_maps_each_emsps_reservation_id_to_its_own_charger_id_and_cancel_reservation_ends_it_once()
    {
        await net.Cpo.PublishLocationAsync(Cpo, Builders.Location("NL", "CPO", "LOC-RES", "EVSE1", "EVSE2"));
        JsonObject Reserve(string emsp) => new()
        {
            ["cpo"] = Cpo, ["token"] = CommandSteps.Token(emsp), ["expiry_date"] = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["reservation_id"] = "R1", ["location_id"] = "LOC-RES",
        };
        var mine = await net.Emsp.SendCommandAsync(Msp, "RESERVE_NOW", Reserve(Msp));
        var theirs = await net.Emsp.SendCommandAsync("DE*MS2", "RESERVE_NOW", Reserve("DE*MS2"));
        Assert.Equal(["ACCEPTED", "ACCEPTED"], [(await net.Emsp.CommandInStateAsync(Msp, mine, "result_received")).Result(),
            (await net.Emsp.CommandInStateAsync("DE*MS2", theirs, "result_received")).Result()]);

        // M5: both eMSPs said "R1"; the charger knows two different ids, neither of them "R1".
        var reservations = JsonNode.Parse(await net.Cpo.Admin.GetStringAsync("/admin/parties/NL/CPO/cpo/reservations", Ct))!.AsArray()
            .OfType<JsonObject>().Where(r => (string?)r["location_id"] == "LOC-RES").ToList();
        Assert.Equal(["DE*MS2", "DE*MSP"], reservations.Select(r => (string)r["emsp"]!).Order());
        var chargerIds = reservations.Select(r => (string)r["charger_reservation_id"]!).ToList();
        Assert.Equal(2, chargerIds.Distinct().Count());
        Assert.DoesNotContain("R1", chargerIds);

        var cancel = new JsonObject { ["cpo"] = Cpo, ["reservation_id"] = "R1" };
        var cancelled = await net.Emsp.SendCommandAsync(Msp, "CANCEL_RESERVATION", cancel);
        Assert.Equal("ACCEPTED", (await net.Emsp.CommandInStateAsync(Msp, cancelled, "result_received")).Result());
        var twice = await net.Emsp.SendCommandAsync(Msp, "CANCEL_RESERVATION", cancel);
        Assert.Equal("UNKNOWN_RESERVATION", (await net.Emsp.CommandInStateAsync(Msp, twice, "result_received")).Result());

        // M6: the CPO cancels DE*MS2's reservation itself; DE*MS2 hears it at its RESERVE_NOW's response_url.
        var byCpo = await net.Cpo.Admin.DeleteAsync("/admin/parties/NL/CPO/cpo/reservations/DE/MS2/R1", Ct);
        Assert.Equal(HttpStatusCode.OK, byCpo.StatusCode);
        await Scenario.Eventually(async () => (await net.Emsp.CommandAsync("DE*MS2", theirs)).Result() == "CANCELED_RESERVATION",
            "DE*MS2's reservation command shows CANCELED_RESERVATION");
        Assert.Equal(HttpStatusCode.NotFound, (await net.Cpo.Admin.DeleteAsync("/admin/parties/NL/CPO/cpo/reservations/DE/MS2/R1", Ct)).StatusCode);
    }

    [Fact]
    public async Task Unlock_connector_is_accepted_for_a_known_connector_and_refused_for_an_unknown_one()
    {
        await net.Cpo.PublishLocationAsync(Cpo, Builders.Location("NL", "CPO", "LOC-UNLOCK", "EVSE1"));
        JsonObject Unlock(string connector) => new()
        {
            ["cpo"] = Cpo, ["location_id"] = "LOC-UNLOCK", ["evse_uid"] = "EVSE1", ["connector_id"] = connector,
        };
        var known = await net.Emsp.SendCommandAsync(Msp, "UNLOCK_CONNECTOR", Unlock("1"));
        Assert.Equal(["ACCEPTED", "ACCEPTED"], [(await net.Emsp.CommandInStateAsync(Msp, known, "result_received")) is var k ? k.Response() : null, k.Result()]);
        var unknown = await net.Emsp.SendCommandAsync(Msp, "UNLOCK_CONNECTOR", Unlock("9"));
        Assert.Equal("REJECTED", (await net.Emsp.CommandInStateAsync(Msp, unknown, "rejected")).Response());
    }

    [Fact]
    public async Task The_response_url_takes_the_result_only_from_the_connection_and_cpo_the_command_went_to_and_answers_without_data()
    {
        await net.Cpo.PublishLocationAsync(Cpo, Builders.Location("NL", "CPO", CommandNetwork.Silent, "EVSE1"));
        var id = await net.Emsp.SendCommandAsync(Msp, "START_SESSION", CommandSteps.StartSession(Cpo, Msp, CommandNetwork.Silent));
        var command = await net.Emsp.CommandInStateAsync(Msp, id, "accepted");
        var responseUrl = (string)command["request"]!["response_url"]!;
        var result = new JsonObject { ["result"] = "ACCEPTED" };

        using var otherCpo = new OcpiClient(await net.OtherCpo.HeldTokenAsync(net.OtherLink.ServerConnectionId));
        var fromOther = await otherCpo.SendAsync(HttpMethod.Post, responseUrl, result, from: "NL*ZZZ", to: Msp, ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, fromOther.Status);
        using var rightCpo = new OcpiClient(await net.Cpo.HeldTokenAsync(net.Link.ServerConnectionId));
        var toOtherEmsp = await rightCpo.SendAsync(HttpMethod.Post, responseUrl, result, from: Cpo, to: "DE*MS2", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, toOtherEmsp.Status);
        var invalid = await rightCpo.SendAsync(HttpMethod.Post, responseUrl, new JsonObject { ["result"] = "MAYBE" }, from: Cpo, to: Msp, ct: Ct);
        Assert.Equal(2001, invalid.StatusCode);
        Assert.Equal("accepted", (string?)(await net.Emsp.CommandAsync(Msp, id))["state"]);

        var fromRight = await rightCpo.SendAsync(HttpMethod.Post, responseUrl, result, from: Cpo, to: Msp, ct: Ct);
        Assert.Equal((HttpStatusCode.OK, 1000), (fromRight.Status, fromRight.StatusCode));
        Assert.False(fromRight.Envelope!.ContainsKey("data"), fromRight.Body);
        var received = await net.Emsp.CommandAsync(Msp, id);
        Assert.Equal(("result_received", "ACCEPTED"), ((string?)received["state"], received.Result()));
    }

    [Fact]
    public async Task Version_details_list_commands_receiver_for_the_cpo_and_sender_for_the_emsp()
    {
        static IEnumerable<string> Listed(JsonObject connection, string module) =>
            connection["endpoints"]!.AsArray().Where(e => (string?)e!["identifier"] == module).Select(e => (string)e!["role"]!);
        var atEmsp = await net.Emsp.ConnectionAsync(net.Link.ClientConnectionId);
        var atCpo = await net.Cpo.ConnectionAsync(net.Link.ServerConnectionId);
        Assert.Contains("RECEIVER", Listed(atEmsp, "commands"));
        Assert.Contains("RECEIVER", Listed(atEmsp, "chargingprofiles"));
        Assert.Contains("SENDER", Listed(atCpo, "commands"));
        Assert.Contains("SENDER", Listed(atCpo, "chargingprofiles"));
    }

    [Fact]
    public async Task Isolation_every_commands_endpoint_wants_a_token_and_reaches_only_parties_of_the_callers_connection()
    {
        using var anonymous = new OcpiClient();
        var result = new JsonObject { ["result"] = "ACCEPTED" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Post, CommandsUrl + "/START_SESSION", new JsonObject(), ct: Ct)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Post, net.Emsp.Url + "/ocpi/2.2.1/sender/commands/START_SESSION/x", result, ct: Ct)).Status);

        // Other tenants: NL*OTH on the CPO platform and DE*XYZ on the eMSP platform take no part in the connection.
        using var asEmsp = new OcpiClient(await net.Emsp.HeldTokenAsync(net.Link.ClientConnectionId));
        var body = CommandSteps.StartSession("NL*OTH", Msp, "LOC1");
        body.Remove("cpo");
        body["response_url"] = net.Emsp.Url + "/ocpi/2.2.1/sender/commands/START_SESSION/x";
        Assert.Equal(HttpStatusCode.NotFound, (await asEmsp.SendAsync(HttpMethod.Post, CommandsUrl + "/START_SESSION", body, from: Msp, to: "NL*OTH", ct: Ct)).Status);
        using var asCpo = new OcpiClient(await net.Cpo.HeldTokenAsync(net.Link.ServerConnectionId));
        Assert.Equal(HttpStatusCode.NotFound,
            (await asCpo.SendAsync(HttpMethod.Post, net.Emsp.Url + "/ocpi/2.2.1/sender/commands/START_SESSION/x", result, from: Cpo, to: "DE*XYZ", ct: Ct)).Status);
        // The eMSP may not reach the CPO platform's Sender side of commands: it serves eMSPs only.
        Assert.Equal(HttpStatusCode.NotFound,
            (await asEmsp.SendAsync(HttpMethod.Post, net.Cpo.Url + "/ocpi/2.2.1/sender/commands/START_SESSION/x", result, from: Msp, to: Cpo, ct: Ct)).Status);

        // A command id another eMSP sent is unknown to this one's back office.
        var id = await net.Emsp.SendCommandAsync("DE*MS2", "UNLOCK_CONNECTOR",
            new JsonObject { ["cpo"] = Cpo, ["location_id"] = "LOC1", ["evse_uid"] = "EVSE1", ["connector_id"] = "1" });
        Assert.Equal(HttpStatusCode.NotFound, (await net.Emsp.Admin.GetAsync($"/admin/parties/DE/MSP/emsp/commands/{id}", Ct)).StatusCode);
        Assert.DoesNotContain(JsonNode.Parse(await net.Emsp.Admin.GetStringAsync("/admin/parties/DE/MSP/emsp/commands", Ct))!.AsArray(), c => (string?)c!["id"] == id);
    }

    [Fact]
    public async Task Admin_command_routes_want_the_admin_key()
    {
        using var noKey = new HttpClient { BaseAddress = new Uri(net.Emsp.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.PostAsJsonAsync("/admin/parties/DE/MSP/emsp/commands/START_SESSION", new JsonObject(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync("/admin/parties/DE/MSP/emsp/commands/x", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync("/admin/parties/DE/MSP/emsp/commands", Ct)).StatusCode);
        using var noKeyCpo = new HttpClient { BaseAddress = new Uri(net.Cpo.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKeyCpo.GetAsync("/admin/parties/NL/CPO/cpo/reservations", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKeyCpo.DeleteAsync("/admin/parties/NL/CPO/cpo/reservations/DE/MSP/R1", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await net.Emsp.Admin.GetAsync("/admin/parties/NL/CPO/emsp/commands", Ct)).StatusCode);
    }
}

/// <summary>A hosted CPO and a hosted eMSP on one platform exchange commands over an internal connection, without HTTP to themselves.</summary>
public sealed class InternalCommandScenarios
{
    [Fact]
    public async Task Start_and_stop_session_between_parties_hosted_on_one_platform()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        await platform.CreatePartyAsync("NL", "MSP", "EMSP");
        await platform.ConnectInternallyAsync("NL*CPO", "NL*MSP");
        await platform.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "EVSE1"));

        var start = await platform.SendCommandAsync("NL*MSP", "START_SESSION", CommandSteps.StartSession("NL*CPO", "NL*MSP", "LOC1", authorizationReference: "IN-HOUSE"));
        Assert.Equal("ACCEPTED", (await platform.CommandInStateAsync("NL*MSP", start, "result_received")).Result());
        JsonObject? session = null;
        await Scenario.Eventually(async () => (session = (await platform.ReceivedAsync("NL*MSP", "sessions")).OfType<JsonObject>()
            .FirstOrDefault(s => (string?)s["authorization_reference"] == "IN-HOUSE")) is not null, "the session reaches the hosted eMSP");

        var stop = await platform.SendCommandAsync("NL*MSP", "STOP_SESSION", new JsonObject { ["cpo"] = "NL*CPO", ["session_id"] = session!["id"]!.DeepClone() });
        Assert.Equal("ACCEPTED", (await platform.CommandInStateAsync("NL*MSP", stop, "result_received")).Result());
        await Scenario.Eventually(async () => (await platform.ReceivedAsync("NL*MSP", "cdrs")).Count == 1, "the CDR reaches the hosted eMSP");
        Assert.DoesNotContain(platform.Log.Lines, l => l.Contains("Peer call", StringComparison.Ordinal) && l.Contains("/commands", StringComparison.Ordinal));
    }
}

/// <summary>A result owed while the eMSP is down survives a restart of the CPO platform and arrives once the eMSP is back.</summary>
public sealed class CommandRestartScenarios
{
    [Fact]
    public async Task A_result_pending_when_both_platforms_stop_is_posted_after_they_start_again()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "EVSE1"));
        cpo.Configure("Commands:ResultTimeoutSeconds", "300");
        cpo.Configure("ChargePoints:Simulator:DelayMilliseconds", "1500");

        var id = await emsp.SendCommandAsync("DE*MSP", "START_SESSION", CommandSteps.StartSession("NL*CPO", "DE*MSP", "LOC1", authorizationReference: "AFTER-RESTART"));
        await emsp.CommandInStateAsync("DE*MSP", id, "accepted");
        await emsp.StopAsync();
        await Scenario.Eventually(async () => await PendingResultPostsAsync(cpo) is { Attempts: > 0 }, "the CPO tried to post the result to the stopped eMSP");
        await cpo.StopAsync();

        await emsp.RestartAsync();
        await cpo.RestartAsync();
        var command = await emsp.CommandInStateAsync("DE*MSP", id, "result_received");
        Assert.Equal("ACCEPTED", command.Result());
        await Scenario.Eventually(async () => (await emsp.ReceivedAsync("DE*MSP", "sessions")).Any(s => (string?)s!["authorization_reference"] == "AFTER-RESTART"),
            "the session reaches the eMSP");
    }

    private static async Task<(long Count, long Attempts)?> PendingResultPostsAsync(PlatformInstance instance)
    {
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={instance.DatabaseFile}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COALESCE(MAX(attempts), 0) FROM result_posts WHERE state IN ('pending', 'sending')";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) == 0 ? null : (reader.GetInt64(0), reader.GetInt64(1));
    }
}
