using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// Sessions: NL*CPO's Sender (fed through its back office, ids "SS-", each test in its own last_updated year),
/// DE*MSP's Receiver (called by NL*CPO, ids "RS-"), charging preferences ("CP-") and the back office's activation rule.
/// </summary>
public sealed partial class SessionCdrConformanceTests
{
    private static List<string> Ids(OcpiAnswer answer) => answer.Data!.AsArray().Select(s => (string)s!["id"]!).ToList();

    // ---- S1: Sender GET ----

    [Theory]
    [InlineData("")]
    // The two GET examples of mod_sessions itself omit date_from (digest §7); the project still refuses them.
    [InlineData("?offset=50")]
    [InlineData("?offset=50&limit=100")]
    [InlineData("?date_to=2040-01-01T00:00:00Z")]
    public async Task Sender_GET_without_date_from_is_HTTP_200_with_2001_saying_date_from_is_required(string query)
    {
        var answer = await f.AsEmspAsync(HttpMethod.Get, f.SessionsSenderUrl + query);

        AssertInvalid(answer, "date_from is required");
        Assert.Null(Header(answer, "X-Total-Count"));
    }

    [Fact]
    public async Task Sender_GET_pages_with_paging_headers_and_date_from_inclusive_date_to_exclusive()
    {
        foreach (var (id, at) in new[] { ("SS-P0-BEFORE", "2041-03-09T23:59:59.999Z"), ("SS-P1-FROM", "2041-03-10T00:00:00Z"),
                     ("SS-P2-INSIDE", "2041-03-10T12:00:00Z"), ("SS-P3-LAST", "2041-03-10T23:59:59.999Z"), ("SS-P4-TO", "2041-03-11T00:00:00Z") })
            await f.FeedSessionAsync(Session(id, at));
        const string window = "date_from=2041-03-10T00:00:00Z&date_to=2041-03-11T00:00:00Z";

        var first = await f.AsEmspAsync(HttpMethod.Get, $"{f.SessionsSenderUrl}?{window}&limit=2");

        AssertOk(first);
        Assert.Equal("3", Header(first, "X-Total-Count"));
        Assert.Equal("100", Header(first, "X-Limit"));
        Assert.Equal(2, first.Data!.AsArray().Count);
        var link = Header(first, "Link");
        Assert.NotNull(link);
        Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
        var next = link[1..link.IndexOf('>', StringComparison.Ordinal)];
        Assert.StartsWith(f.SessionsSenderUrl + "?", next, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(next).Query);
        Assert.Equal(("2", "2", "2041-03-10T00:00:00Z", "2041-03-11T00:00:00Z"),
            (query["offset"].ToString(), query["limit"].ToString(), query["date_from"].ToString(), query["date_to"].ToString()));

        var last = await f.AsEmspAsync(HttpMethod.Get, next);
        AssertOk(last);
        Assert.Equal("3", Header(last, "X-Total-Count"));
        Assert.Null(Header(last, "Link"));
        Assert.Equal(["SS-P1-FROM", "SS-P2-INSIDE", "SS-P3-LAST"], Ids(first).Concat(Ids(last)).Order(StringComparer.Ordinal));

        Assert.Equal(["SS-P4-TO"], Ids(await f.AsEmspAsync(HttpMethod.Get, $"{f.SessionsSenderUrl}?date_from=2041-03-11T00:00:00Z&date_to=2042-01-01T00:00:00Z")));
    }

    [Fact]
    public async Task Sender_GET_lists_only_sessions_of_the_calling_eMSPs_tokens()
    {
        const string at = "2042-06-01T00:00:00Z";
        await f.FeedSessionAsync(Session("SS-MINE", at));
        await f.FeedSessionAsync(Session("SS-FOR-MS2", at, emsp: "DE*MS2"));
        await f.FeedSessionAsync(Session("SS-FOR-OTH", at, emsp: "FR*OTH"));
        // NL*CP2 is hosted next to NL*CPO: its session for a DE*MSP token is not NL*CPO's to list.
        await f.FeedSessionAsync(Session("SS-OF-CP2", at, owner: "NL*CP2"), party: "NL/CP2");

        var answer = await f.AsEmspAsync(HttpMethod.Get, $"{f.SessionsSenderUrl}?date_from=2042-01-01T00:00:00Z&date_to=2043-01-01T00:00:00Z");

        AssertOk(answer);
        Assert.Equal(["SS-MINE"], Ids(answer));
        Assert.Equal("1", Header(answer, "X-Total-Count"));
    }

    // ---- S2: Receiver PUT and PATCH ----

    [Fact]
    public async Task Receiver_PUT_answers_201_for_a_new_session_and_200_when_it_replaces_one()
    {
        var created = await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("RS-T9"), Session("RS-T9"));
        AssertOk(created, HttpStatusCode.Created);
        // The answer comes from DE*MSP and goes to NL*CPO: the routing headers swap (digest §2.3).
        Assert.Equal(("DE", "MSP", "NL", "CPO"), (Header(created, "OCPI-from-country-code"), Header(created, "OCPI-from-party-id"),
            Header(created, "OCPI-to-country-code"), Header(created, "OCPI-to-party-id")));

        AssertOk(await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("RS-T9"), Session("RS-T9", T1, status: "COMPLETED").With(("kwh", 7.5m))));

        var stored = await ReceivedSessionAsync("RS-T9");
        Assert.Equal(("COMPLETED", 7.5m), ((string?)stored["status"], (decimal)stored["kwh"]!));
        Assert.Equal(1, await HeldCountAsync("sessions", "RS-T9"));
    }

    [Fact]
    public async Task Receiver_PUT_replaces_charging_periods_and_a_PUT_without_any_leaves_none()
    {
        var url = f.SessionReceiverUrl("RS-S2-PUT");
        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-S2-PUT").With(("charging_periods", new JsonArray(Period(T0, 1), Period(T1, 2))))),
            HttpStatusCode.Created);
        Assert.Equal(2, (await ReceivedSessionAsync("RS-S2-PUT"))["charging_periods"]!.AsArray().Count);

        var replacement = Period(T2, 3);
        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-S2-PUT", T1).With(("charging_periods", new JsonArray(replacement.DeepClone())))));
        OcpiJsonAssert.Same(new JsonArray(replacement), (await ReceivedSessionAsync("RS-S2-PUT"))["charging_periods"]);

        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-S2-PUT", T2)));
        Assert.True((await ReceivedSessionAsync("RS-S2-PUT"))["charging_periods"] is null or JsonArray { Count: 0 }, "a PUT without periods leaves none");

        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-S2-PUT", T2).With(("charging_periods", new JsonArray(Period(T0, 1))))));
        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-S2-PUT", T2).With(("charging_periods", new JsonArray()))));
        Assert.True((await ReceivedSessionAsync("RS-S2-PUT"))["charging_periods"] is null or JsonArray { Count: 0 }, "a PUT with an empty list leaves none");
    }

    [Fact]
    public async Task Receiver_PATCH_with_charging_periods_appends_them_and_a_PATCH_without_leaves_them()
    {
        var url = f.SessionReceiverUrl("RS-S2-PATCH");
        var first = Period(T0, 1);
        var second = Period(T1, 2);
        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-S2-PATCH").With(("charging_periods", new JsonArray(first.DeepClone())))),
            HttpStatusCode.Created);

        AssertOk(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject
        {
            ["kwh"] = 2, ["charging_periods"] = new JsonArray(second.DeepClone()), ["last_updated"] = T1,
        }));
        var stored = await ReceivedSessionAsync("RS-S2-PATCH");
        OcpiJsonAssert.Same(new JsonArray(first.DeepClone(), second.DeepClone()), stored["charging_periods"]);
        Assert.Equal(2m, (decimal)stored["kwh"]!);

        AssertOk(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject { ["status"] = "COMPLETED", ["last_updated"] = T2 }));
        AssertOk(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject { ["charging_periods"] = new JsonArray(), ["last_updated"] = T2 }));
        stored = await ReceivedSessionAsync("RS-S2-PATCH");
        OcpiJsonAssert.Same(new JsonArray(first, second), stored["charging_periods"]);
        Assert.Equal(("COMPLETED", T2), ((string?)stored["status"], (string?)stored["last_updated"]));
    }

    [Fact]
    public async Task Receiver_PATCH_without_last_updated_is_2001_and_changes_nothing()
    {
        var url = f.SessionReceiverUrl("RS-T10");
        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-T10").With(("charging_periods", new JsonArray(Period(T0, 1))))), HttpStatusCode.Created);
        var before = Json(await ReceivedSessionAsync("RS-T10"));

        AssertInvalid(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject { ["status"] = "COMPLETED" }), "last_updated");
        AssertInvalid(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject { ["charging_periods"] = new JsonArray(Period(T1, 2)) }), "last_updated");

        Assert.Equal(before, Json(await ReceivedSessionAsync("RS-T10")));
    }

    [Fact]
    public async Task Receiver_PATCH_of_an_unknown_session_is_404_and_stores_nothing()
    {
        var answer = await f.AsCpoAsync(HttpMethod.Patch, f.SessionReceiverUrl("RS-UNKNOWN"), new JsonObject { ["status"] = "COMPLETED", ["last_updated"] = T1 });

        AssertNotFound(answer);
        Assert.Contains("RS-UNKNOWN", answer.StatusMessage, StringComparison.Ordinal);
        await AssertSessionNotStoredAsync("RS-UNKNOWN");
    }

    [Fact]
    public async Task Receiver_GET_of_an_unknown_session_is_404()
    {
        AssertNotFound(await f.AsCpoAsync(HttpMethod.Get, f.SessionReceiverUrl("RS-NEVER")));
    }

    [Fact]
    public async Task Receiver_PUT_or_PATCH_whose_body_disagrees_with_the_URL_is_2001_and_changes_nothing()
    {
        AssertInvalid(await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("RS-T11-URL"), Session("RS-T11-BODY")), "id");
        await AssertSessionNotStoredAsync("RS-T11-URL");
        await AssertSessionNotStoredAsync("RS-T11-BODY");

        AssertInvalid(await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("RS-T11-CC"), Session("RS-T11-CC", owner: "BE*CPO")), "country_code");
        await AssertSessionNotStoredAsync("RS-T11-CC");
        // NL*CP2 is hosted next to NL*CPO, but this connection does not carry it: the body may not name it either.
        AssertInvalid(await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("RS-T11-PID"), Session("RS-T11-PID", owner: "NL*CP2")), "party_id");
        await AssertSessionNotStoredAsync("RS-T11-PID");

        var url = f.SessionReceiverUrl("RS-T11");
        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-T11")), HttpStatusCode.Created);
        var before = Json(await ReceivedSessionAsync("RS-T11"));
        AssertInvalid(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject { ["id"] = "RS-T11-OTHER", ["last_updated"] = T1 }), "id");
        AssertInvalid(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject { ["party_id"] = "CP2", ["last_updated"] = T1 }), "party_id");
        AssertInvalid(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject { ["country_code"] = "BE", ["last_updated"] = T1 }), "country_code");
        Assert.Equal(before, Json(await ReceivedSessionAsync("RS-T11")));
        await AssertSessionNotStoredAsync("RS-T11-OTHER");
    }

    [Fact]
    public async Task Receiver_session_for_a_token_of_another_eMSP_than_the_receiving_one_is_2001_and_stores_nothing()
    {
        // DE*MS2 is hosted next to DE*MSP; the session must go to DE*MS2's own Receiver, not be kept by DE*MSP.
        AssertInvalid(await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("RS-FOREIGN"), Session("RS-FOREIGN", emsp: "DE*MS2")), "cdr_token");
        await AssertSessionNotStoredAsync("RS-FOREIGN");
        Assert.Equal(0, await HeldCountAsync("sessions", "RS-FOREIGN", "DE*MSP"));
        Assert.Equal(0, await HeldCountAsync("sessions", "RS-FOREIGN", "DE*MS2"));

        var url = f.SessionReceiverUrl("RS-REASSIGN");
        AssertOk(await f.AsCpoAsync(HttpMethod.Put, url, Session("RS-REASSIGN")), HttpStatusCode.Created);
        var before = Json(await ReceivedSessionAsync("RS-REASSIGN"));
        AssertInvalid(await f.AsCpoAsync(HttpMethod.Patch, url, new JsonObject { ["cdr_token"] = Builders.CdrToken("DE*MS2"), ["last_updated"] = T1 }),
            "cdr_token");
        Assert.Equal(before, Json(await ReceivedSessionAsync("RS-REASSIGN")));
    }

    // ---- S3: charging preferences ----

    /// <summary>
    /// NL*CPO's location CP-LOC: EVSE CP-LOC-E1 takes charging preferences, CP-LOC-E2 does not. Published again by
    /// each test that needs it: the same PUT again is a no-op replace.
    /// </summary>
    private async Task PublishPreferencesLocationAsync()
    {
        var capable = LocationBodies.Evse("CP-LOC-E1", T0).With(("capabilities", new JsonArray("RFID_READER", "CHARGING_PREFERENCES_CAPABLE")));
        var plain = LocationBodies.Evse("CP-LOC-E2", T0).With(("capabilities", new JsonArray("RFID_READER")));
        await f.PublishLocationAsync(LocationBodies.Location("CP-LOC", T0, capable, plain));
    }

    private static JsonObject AtEvse(JsonObject session, string locationId, string evseUid) =>
        session.With(("location_id", locationId), ("evse_uid", evseUid));

    private static JsonObject Preferences(string profileType = "FAST") => new()
    {
        ["profile_type"] = profileType, ["departure_time"] = "2024-01-01T18:00:00Z", ["energy_need"] = 30,
    };

    private async Task<HttpStatusCode> HeldPreferencesStatusAsync(string sessionId) =>
        (await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, $"/admin/parties/NL/CPO/cpo/sessions/{sessionId}/charging_preferences")).Status;

    [Fact]
    public async Task ChargingPreferences_at_a_capable_EVSE_are_answered_with_the_string_ACCEPTED_and_kept()
    {
        await PublishPreferencesLocationAsync();
        await f.FeedSessionAsync(AtEvse(Session("CP-CAPABLE"), "CP-LOC", "CP-LOC-E1"));

        var answer = await f.AsEmspAsync(HttpMethod.Put, f.ChargingPreferencesUrl("CP-CAPABLE"), Preferences());

        AssertOk(answer);
        // ChargingPreferencesResponse is an enum: data is the bare string, not an object (digest §1.5).
        Assert.Equal(System.Text.Json.JsonValueKind.String, answer.Data!.GetValueKind());
        Assert.Equal("ACCEPTED", (string?)answer.Data);
        var (status, _, text) = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get,
            "/admin/parties/NL/CPO/cpo/sessions/CP-CAPABLE/charging_preferences");
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {text}");
        OcpiJsonAssert.Same(Preferences(), JsonNode.Parse(text));
    }

    [Theory]
    [InlineData("CP-PLAIN", "CP-LOC", "CP-LOC-E2")] // the EVSE lacks CHARGING_PREFERENCES_CAPABLE
    [InlineData("CP-NO-EVSE", "CP-LOC", "CP-LOC-E9")] // the location has no such EVSE
    [InlineData("CP-NO-LOC", "CP-NOWHERE", "CP-NOWHERE-E1")] // no such location
    public async Task ChargingPreferences_where_the_EVSE_is_not_capable_are_HTTP_404_with_2001_and_kept_nowhere(string sessionId, string locationId,
        string evseUid)
    {
        await PublishPreferencesLocationAsync();
        await f.FeedSessionAsync(AtEvse(Session(sessionId), locationId, evseUid));

        var answer = await f.AsEmspAsync(HttpMethod.Put, f.ChargingPreferencesUrl(sessionId), Preferences());

        AssertAnswer(answer, HttpStatusCode.NotFound, 2001);
        Assert.Null(answer.Data);
        Assert.Equal(HttpStatusCode.NotFound, await HeldPreferencesStatusAsync(sessionId));
    }

    [Fact]
    public async Task ChargingPreferences_for_an_unknown_session_or_another_eMSPs_session_are_404()
    {
        await PublishPreferencesLocationAsync();
        // Both at the capable EVSE: only the session's identity can be the reason for the refusal.
        await f.FeedSessionAsync(AtEvse(Session("CP-OF-MS2", emsp: "DE*MS2"), "CP-LOC", "CP-LOC-E1"));
        await f.FeedSessionAsync(AtEvse(Session("CP-OF-CP2", owner: "NL*CP2"), "CP-LOC", "CP-LOC-E1"), party: "NL/CP2");

        foreach (var sessionId in new[] { "CP-UNKNOWN", "CP-OF-MS2", "CP-OF-CP2" })
        {
            var answer = await f.AsEmspAsync(HttpMethod.Put, f.ChargingPreferencesUrl(sessionId), Preferences());
            AssertNotFound(answer);
            Assert.Contains("Unknown session", answer.StatusMessage, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, await HeldPreferencesStatusAsync(sessionId));
        }
    }

    [Theory]
    [InlineData("""{"departure_time": "2024-01-01T18:00:00Z"}""", "profile_type")]
    [InlineData("""{"profile_type": "TURBO"}""", "profile_type")]
    [InlineData("""{"profile_type": "FAST", "energy_need": -5}""", "energy_need")]
    [InlineData("""{"profile_type": "FAST", "energy_need": "lots"}""", "energy_need")]
    [InlineData("""{"profile_type": "FAST", "discharge_allowed": "no"}""", "discharge_allowed")]
    [InlineData("""{"profile_type": "FAST", "departure_time": "2024-01-01T18:00:00+01:00"}""", "departure_time")]
    public async Task ChargingPreferences_with_an_invalid_body_are_2001_and_kept_nowhere(string body, string field)
    {
        await PublishPreferencesLocationAsync();
        await f.FeedSessionAsync(AtEvse(Session("CP-INVALID"), "CP-LOC", "CP-LOC-E1"));

        AssertInvalid(await f.AsEmspAsync(HttpMethod.Put, f.ChargingPreferencesUrl("CP-INVALID"), body), field);

        Assert.Equal(HttpStatusCode.NotFound, await HeldPreferencesStatusAsync("CP-INVALID"));
    }

    // ---- S4: start_date_time on activation ----

    [Fact]
    public async Task BackOffice_PATCH_from_PENDING_to_ACTIVE_without_start_date_time_moves_it_to_the_activations_last_updated()
    {
        await f.FeedSessionAsync(Session("SS-S4", T0, status: "PENDING"));

        var activated = await f.FeedSessionAsync(new JsonObject { ["id"] = "SS-S4", ["status"] = "ACTIVE", ["last_updated"] = T1 }, patch: true);

        Assert.Equal(("ACTIVE", T1), ((string?)activated["status"], (string?)activated["start_date_time"]));
        var (_, _, held) = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, "/admin/parties/NL/CPO/cpo/sessions/SS-S4");
        Assert.Equal(T1, (string?)JsonNode.Parse(held)!["start_date_time"]);

        // Only the activation moves it: a later change of an ACTIVE session keeps it.
        var later = await f.FeedSessionAsync(new JsonObject { ["id"] = "SS-S4", ["kwh"] = 3, ["last_updated"] = T2 }, patch: true);
        Assert.Equal(T1, (string?)later["start_date_time"]);

        // The token's eMSP gets the moved start too.
        await Scenario.Eventually(async () => (await f.Emsp.ReceivedAsync("DE*MSP", "sessions")).FirstOrDefault(s => (string?)s!["id"] == "SS-S4") is
                { } s && (string?)s["last_updated"] == T2 && (string?)s["start_date_time"] == T1,
            "DE*MSP holds SS-S4 with start_date_time at the activation");
    }

    [Fact]
    public async Task BackOffice_a_burst_of_changes_to_a_session_reaches_its_eMSP_as_the_last_state_within_seconds()
    {
        await f.FeedSessionAsync(Session("SS-BURST", T0, status: "PENDING"));
        // Back to back, so that changes arrive while an earlier state of the same session is still being sent.
        for (var i = 1; i <= 20; i++)
            await f.FeedSessionAsync(new JsonObject
            {
                ["id"] = "SS-BURST", ["status"] = "ACTIVE", ["kwh"] = i, ["charging_periods"] = new JsonArray(Period(T0, i)),
                ["last_updated"] = $"2024-01-01T11:{i:D2}:00Z",
            }, patch: true);

        // Well under the pump's enqueue lease (2 min): a follow-up that found the earlier send in flight must not wait for it.
        await Scenario.Eventually(async () => (await f.Emsp.ReceivedAsync("DE*MSP", "sessions")).FirstOrDefault(s => (string?)s!["id"] == "SS-BURST") is
                { } s && (string?)s["last_updated"] == "2024-01-01T11:20:00Z" && s["charging_periods"]!.AsArray().Count == 20,
            "DE*MSP holds SS-BURST in its last state", seconds: 15);
    }

    [Fact]
    public async Task BackOffice_PATCH_from_PENDING_to_ACTIVE_with_a_start_date_time_keeps_the_one_sent()
    {
        await f.FeedSessionAsync(Session("SS-S4-GIVEN", T0, status: "PENDING"));

        var activated = await f.FeedSessionAsync(new JsonObject
        {
            ["id"] = "SS-S4-GIVEN", ["status"] = "ACTIVE", ["start_date_time"] = "2024-01-01T10:10:00Z", ["last_updated"] = T1,
        }, patch: true);

        Assert.Equal("2024-01-01T10:10:00Z", (string?)activated["start_date_time"]);
    }
}
