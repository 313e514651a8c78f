using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>DE*MSP's CDR Receiver, called by NL*CPO over their connection (C1–C5). CDR ids start with "RC-".</summary>
public sealed partial class SessionCdrConformanceTests
{
    private Task<OcpiAnswer> PostCdrAsync(object body) => f.AsCpoAsync(HttpMethod.Post, f.CdrReceiverUrl, body);

    /// <summary>Not at its Location, and not in DE*MSP's back office under any owner.</summary>
    private async Task AssertCdrNotStoredAsync(string id, string owner = "NL/CPO")
    {
        AssertNotFound(await f.AsCpoAsync(HttpMethod.Get, f.CdrLocation(id, owner)));
        Assert.Equal(0, await HeldCountAsync("cdrs", id));
    }

    [Fact]
    public async Task Cdr_POST_answers_201_with_a_Location_where_GET_returns_the_same_CDR()
    {
        var cdr = Cdr("RC-C1");

        var posted = await PostCdrAsync(cdr);

        AssertOk(posted, HttpStatusCode.Created);
        var location = Header(posted, "Location");
        Assert.Equal(f.CdrLocation("RC-C1"), location);
        var read = await f.AsCpoAsync(HttpMethod.Get, location!);
        AssertOk(read);
        OcpiJsonAssert.Same(cdr, read.Data);
        Assert.Equal(1, await HeldCountAsync("cdrs", "RC-C1"));
    }

    [Fact]
    public async Task Cdr_POST_of_the_same_CDR_again_is_200_with_a_message_and_not_stored_twice()
    {
        AssertOk(await PostCdrAsync(Cdr("RC-C1-AGAIN")), HttpStatusCode.Created);

        var again = await PostCdrAsync(Cdr("RC-C1-AGAIN"));

        AssertOk(again);
        Assert.False(string.IsNullOrWhiteSpace(again.StatusMessage), again.ToString());
        // A sender that lost the first answer learns from the repeat where the CDR is kept.
        Assert.Equal(f.CdrLocation("RC-C1-AGAIN"), Header(again, "Location"));
        Assert.Equal(1, await HeldCountAsync("cdrs", "RC-C1-AGAIN"));
    }

    [Fact]
    public async Task Cdr_POST_of_a_different_CDR_under_an_id_already_held_is_2001_and_keeps_the_first()
    {
        var first = Cdr("RC-C1-CLASH");
        AssertOk(await PostCdrAsync(first), HttpStatusCode.Created);

        var answer = await PostCdrAsync(Cdr("RC-C1-CLASH", cost: 9.99m));

        AssertAnswer(answer, HttpStatusCode.OK, 2001);
        Assert.Contains("credit", answer.StatusMessage, StringComparison.Ordinal);
        var read = await f.AsCpoAsync(HttpMethod.Get, f.CdrLocation("RC-C1-CLASH"));
        OcpiJsonAssert.Same(first, read.Data);
        Assert.Equal(1, await HeldCountAsync("cdrs", "RC-C1-CLASH"));
    }

    [Theory]
    [InlineData("PUT", false)]
    [InlineData("PATCH", false)]
    [InlineData("DELETE", false)]
    [InlineData("PUT", true)]
    [InlineData("PATCH", true)]
    [InlineData("DELETE", true)]
    public async Task Cdr_Receiver_refuses_PUT_PATCH_and_DELETE_with_405_and_an_envelope(string method, bool atLocation)
    {
        var original = Cdr("RC-C2");
        var posted = await PostCdrAsync(original);
        Assert.True(posted.StatusCode == 1000, posted.ToString());
        var url = atLocation ? f.CdrLocation("RC-C2") : f.CdrReceiverUrl;
        var body = method == "DELETE" ? null : Cdr("RC-C2", cost: 0.01m);

        var answer = await f.AsCpoAsync(new HttpMethod(method), url, body);

        AssertRefused(answer, HttpStatusCode.MethodNotAllowed);
        Assert.Null(answer.Data);
        OcpiJsonAssert.Same(original, (await f.AsCpoAsync(HttpMethod.Get, f.CdrLocation("RC-C2"))).Data);
        Assert.Equal(1, await HeldCountAsync("cdrs", "RC-C2"));
    }

    private static JsonObject Credit(string id, string? referenceId, decimal cost) =>
        Cdr(id, cost: cost).With(("credit", true), ("credit_reference_id", referenceId));

    [Fact]
    public async Task Cdr_credit_CDR_with_an_id_of_39_characters_and_its_credit_reference_id_is_accepted()
    {
        var id = "RC-C3-".PadRight(39, 'C');
        var credit = Credit(id, "RC-C3-ORIGINAL", -4.00m);

        AssertOk(await PostCdrAsync(credit), HttpStatusCode.Created);

        OcpiJsonAssert.Same(credit, (await f.AsCpoAsync(HttpMethod.Get, f.CdrLocation(id))).Data);
    }

    [Fact]
    public async Task Cdr_credit_CDR_without_credit_reference_id_or_with_a_positive_total_cost_is_2001_and_not_stored()
    {
        AssertInvalid(await PostCdrAsync(Credit("RC-C3-NOREF", null, -4.00m)), "credit_reference_id");
        await AssertCdrNotStoredAsync("RC-C3-NOREF");

        AssertInvalid(await PostCdrAsync(Credit("RC-C3-POSITIVE", "RC-C3-ORIGINAL", 4.00m)), "total_cost");
        await AssertCdrNotStoredAsync("RC-C3-POSITIVE");
        // Negated means both amounts: a credit that takes back the price without VAT but charges VAT again is no credit.
        var halfNegated = Credit("RC-C3-HALF", "RC-C3-ORIGINAL", -4.00m).With(("total_cost", new JsonObject { ["excl_vat"] = -4.00m, ["incl_vat"] = 4.84m }));
        AssertInvalid(await PostCdrAsync(halfNegated), "total_cost.incl_vat");
        await AssertCdrNotStoredAsync("RC-C3-HALF");

        var tooLong = "RC-C3-".PadRight(40, 'L');
        AssertInvalid(await PostCdrAsync(Credit(tooLong, "RC-C3-ORIGINAL", -4.00m)), "id");
        await AssertCdrNotStoredAsync(tooLong);
    }

    [Fact]
    public async Task Cdr_non_credit_id_of_37_characters_is_2001_and_36_are_accepted()
    {
        var tooLong = "RC-C4-".PadRight(37, 'X');
        AssertInvalid(await PostCdrAsync(Cdr(tooLong)), "id");
        await AssertCdrNotStoredAsync(tooLong);
        // credit=false is a normal CDR: the 39 of a credit CDR does not apply.
        AssertInvalid(await PostCdrAsync(Cdr(tooLong).With(("credit", false))), "id");
        await AssertCdrNotStoredAsync(tooLong);

        var longest = "RC-C4-".PadRight(36, 'X');
        AssertOk(await PostCdrAsync(Cdr(longest)), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("country_code")]
    [InlineData("party_id")]
    public async Task Cdr_whose_cdr_token_lacks_the_eMSPs_country_code_or_party_id_is_2001_and_not_stored(string field)
    {
        var id = "RC-C5-" + field;
        var cdr = Cdr(id);
        cdr["cdr_token"]!.AsObject().Remove(field);

        AssertInvalid(await PostCdrAsync(cdr), "cdr_token." + field);
        await AssertCdrNotStoredAsync(id);
    }

    [Fact]
    public async Task Cdr_whose_cdr_token_names_another_eMSP_than_the_receiving_one_is_2001_and_not_stored()
    {
        AssertInvalid(await PostCdrAsync(Cdr("RC-FOREIGN", emsp: "DE*MS2")), "cdr_token");
        await AssertCdrNotStoredAsync("RC-FOREIGN");
        Assert.Equal(0, await HeldCountAsync("cdrs", "RC-FOREIGN", "DE*MS2"));
    }

    [Theory]
    [InlineData("NL*CP2")] // hosted by the same CPO platform, but not part of this connection
    [InlineData("DE*MSP")] // a party of the connection, but not its CPO
    [InlineData("BE*XXX")] // a party of no connection
    public async Task Cdr_whose_owner_is_not_a_CPO_of_the_callers_connection_is_404_and_not_stored(string owner)
    {
        var id = "RC-OWNER-" + owner[3..];

        var answer = await PostCdrAsync(Cdr(id, owner: owner));

        AssertNotFound(answer);
        Assert.Contains($"{owner} is not a CPO of your connection", answer.StatusMessage, StringComparison.Ordinal);
        Assert.Equal(0, await HeldCountAsync("cdrs", id));
        AssertNotFound(await f.AsCpoAsync(HttpMethod.Get, f.CdrLocation(id, owner.Replace('*', '/'))));
    }

    [Fact]
    public async Task Cdr_GET_of_an_unknown_CDR_is_404()
    {
        AssertNotFound(await f.AsCpoAsync(HttpMethod.Get, f.CdrLocation("RC-NEVER")));
    }

    // ---- Bodies that cannot be read: sessions and CDRs alike ----

    /// <summary>
    /// Each is sent as is to a write of DE*MSP's Receiver or NL*CPO's Sender. The kind says what answer it gets:
    /// "broken" (not JSON: HTTP 400), or the JSON path a 2001 names.
    /// </summary>
    public static TheoryData<string, string, string> UnreadableBodies()
    {
        var data = new TheoryData<string, string, string>();
        var session = Session("RS-BODY").ToJsonString();
        var cdr = Cdr("RC-BODY").ToJsonString();
        foreach (var route in new[] { "session PUT", "session PATCH", "CDR POST" })
        {
            var whole = route == "CDR POST" ? cdr : session;
            data.Add(route, whole[..^10], "broken");
            data.Add(route, whole.Replace("\"", "'", StringComparison.Ordinal), "broken");
            data.Add(route, whole + " trailing", "broken");
        }
        data.Add("session PUT", Session("RS-BODY").With(("kwh", "many")).ToJsonString(), "kwh");
        data.Add("session PUT", Session("RS-BODY").With(("status", "SLEEPING")).ToJsonString(), "status");
        data.Add("session PUT", Session("RS-BODY").With(("charging_periods", "none")).ToJsonString(), "charging_periods");
        data.Add("session PUT", Session("RS-BODY").With(("last_updated", "2024-01-01T10:00:00+00:00")).ToJsonString(), "last_updated");
        data.Add("session PUT", Session("RS-BODY").With(("start_date_time", "2024-01-01T11:00:00+01:00")).ToJsonString(), "start_date_time");
        data.Add("session PATCH", """{"kwh": "more", "last_updated": "2024-01-01T10:15:00Z"}""", "kwh");
        data.Add("session PATCH", """{"status": "ACTIVE", "last_updated": "2024-01-01T10:15:00+00:00"}""", "last_updated");
        data.Add("CDR POST", Cdr("RC-BODY").With(("total_energy", "ten")).ToJsonString(), "total_energy");
        data.Add("CDR POST", Cdr("RC-BODY").With(("credit", "yes")).ToJsonString(), "credit");
        data.Add("CDR POST", Cdr("RC-BODY").With(("cdr_token", "DE*MSP")).ToJsonString(), "cdr_token");
        data.Add("CDR POST", Cdr("RC-BODY").With(("end_date_time", "2026-11-26T10:00:00+01:00")).ToJsonString(), "end_date_time");
        data.Add("CDR POST", Cdr("RC-BODY").With(("last_updated", "2026-11-26T09:05:00+00:00")).ToJsonString(), "last_updated");
        return data;
    }

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task Bodies_that_are_not_JSON_are_400_and_wrong_types_or_offsets_2001_and_nothing_is_stored(string route, string body, string kind)
    {
        // RS-BODY exists so that a PATCH reaches the object; RS-BODY-NEW and RC-BODY must never come to exist.
        var put = await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("RS-BODY"), Session("RS-BODY"));
        Assert.True(put.StatusCode == 1000, put.ToString());
        var before = Json(await ReceivedSessionAsync("RS-BODY"));

        var answer = route switch
        {
            "session PUT" => await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("RS-BODY-NEW"), body.Replace("RS-BODY", "RS-BODY-NEW", StringComparison.Ordinal)),
            "session PATCH" => await f.AsCpoAsync(HttpMethod.Patch, f.SessionReceiverUrl("RS-BODY"), body),
            _ => await PostCdrAsync(body),
        };

        if (kind == "broken") AssertRefused(answer, HttpStatusCode.BadRequest);
        else AssertInvalid(answer, kind);
        Assert.Null(answer.Data);
        Assert.Equal(before, Json(await ReceivedSessionAsync("RS-BODY")));
        await AssertSessionNotStoredAsync("RS-BODY-NEW");
        await AssertCdrNotStoredAsync("RC-BODY");
    }
}
