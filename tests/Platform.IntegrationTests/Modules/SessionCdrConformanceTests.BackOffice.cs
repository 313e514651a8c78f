using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// The back office's refusals for sessions and CDRs (ADMIN-API.md: problem details naming the field), and the
/// spec's own session and CDR examples through DE*MSP's Receiver. Back-office ids start with "B-", examples' with "RT-".
/// </summary>
public sealed partial class SessionCdrConformanceTests
{
    private static void AssertProblem((HttpStatusCode Status, string? MediaType, string Text) response, HttpStatusCode status, string? detail = null)
    {
        Assert.True(response.Status == status, $"Expected {(int)status}, got {(int)response.Status}: {response.Text}");
        Assert.Equal("application/problem+json", response.MediaType);
        if (detail is not null) Assert.Contains(detail, (string?)JsonNode.Parse(response.Text)!["detail"], StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> InvalidBackOfficeSessions()
    {
        var missing = Session("B-INVALID");
        missing.Remove("currency");
        var noPartyInToken = Session("B-INVALID");
        noPartyInToken["cdr_token"]!.AsObject().Remove("party_id");
        return new TheoryData<string, string, string>
        {
            { "PUT", missing.ToJsonString(), "currency" },
            { "PUT", noPartyInToken.ToJsonString(), "cdr_token.party_id" },
            { "PUT", Session("B-INVALID").With(("status", "SLEEPING")).ToJsonString(), "status" },
            { "PUT", Session("B-INVALID").With(("kwh", "lots")).ToJsonString(), "kwh" },
            { "PUT", Session("B-INVALID").With(("last_updated", "2024-01-01T10:00:00+00:00")).ToJsonString(), "last_updated" },
            { "PUT", Session("B-OTHER").ToJsonString(), "id" },
            { "PUT", Session("B-INVALID", owner: "NL*CP2").ToJsonString(), "party_id" },
            { "PUT", """{"id": "B-INVALID",""", "JSON" },
            { "PATCH", """{"status": "COMPLETED"}""", "last_updated" },
            { "PATCH", """{"id": "B-OTHER", "last_updated": "2024-01-01T10:15:00Z"}""", "id" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidBackOfficeSessions))]
    public async Task BackOffice_invalid_session_is_a_400_problem_naming_the_field_and_changes_nothing(string method, string body, string field)
    {
        // B-VALID exists so that a PATCH reaches a session; B-INVALID must never come to exist.
        await f.FeedSessionAsync(Session("B-VALID"));
        var (_, _, before) = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, "/admin/parties/NL/CPO/cpo/sessions/B-VALID");
        var id = method == "PATCH" ? "B-VALID" : "B-INVALID";

        var response = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, new HttpMethod(method), $"/admin/parties/NL/CPO/cpo/sessions/{id}", body);

        AssertProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound,
            (await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, "/admin/parties/NL/CPO/cpo/sessions/B-INVALID")).Status);
        Assert.Equal(before, (await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, "/admin/parties/NL/CPO/cpo/sessions/B-VALID")).Text);
    }

    [Fact]
    public async Task BackOffice_PATCH_of_an_unknown_session_is_a_404_problem()
    {
        var response = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Patch, "/admin/parties/NL/CPO/cpo/sessions/B-NEVER",
            new JsonObject { ["status"] = "COMPLETED", ["last_updated"] = T1 });

        AssertProblem(response, HttpStatusCode.NotFound, "B-NEVER");
    }

    public static TheoryData<string, string> InvalidBackOfficeCdrs()
    {
        var noPartyInToken = Cdr("B-CDR-INVALID");
        noPartyInToken["cdr_token"]!.AsObject().Remove("party_id");
        return new TheoryData<string, string>
        {
            { Cdr("B-CDR-".PadRight(37, 'X')).ToJsonString(), "id" },
            { noPartyInToken.ToJsonString(), "cdr_token.party_id" },
            { Cdr("B-CDR-INVALID").With(("credit", true)).ToJsonString(), "credit_reference_id" },
            { Cdr("B-CDR-INVALID").With(("credit", true), ("credit_reference_id", "B-CDR-1")).ToJsonString(), "total_cost" },
            { Cdr("B-CDR-INVALID").With(("charging_periods", new JsonArray())).ToJsonString(), "charging_periods" },
            { Cdr("B-CDR-INVALID").With(("total_energy", "ten")).ToJsonString(), "total_energy" },
            { Cdr("B-CDR-INVALID", owner: "NL*CP2").ToJsonString(), "country_code" },
            { """{"id": "B-CDR-INVALID",""", "JSON" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidBackOfficeCdrs))]
    public async Task BackOffice_invalid_CDR_is_a_400_problem_naming_the_field_and_records_nothing(string body, string field)
    {
        var response = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Post, "/admin/parties/NL/CPO/cpo/cdrs", body);

        AssertProblem(response, HttpStatusCode.BadRequest, field);
        var (_, _, held) = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, "/admin/parties/NL/CPO/cpo/cdrs?limit=1000");
        Assert.DoesNotContain(JsonNode.Parse(held)!.AsArray(), c => ((string?)c!["id"])!.StartsWith("B-CDR-", StringComparison.Ordinal)
                                                                    && (string?)c["id"] != "B-CDR-DUP");
    }

    [Fact]
    public async Task BackOffice_CDR_with_an_id_already_recorded_is_a_409_problem_and_the_first_stays()
    {
        var first = Cdr("B-CDR-DUP");
        var created = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Post, "/admin/parties/NL/CPO/cpo/cdrs", first);
        Assert.True(created.Status == HttpStatusCode.Created, $"{(int)created.Status} {created.Text}");

        // Even the very same CDR: the back office records, it does not retry, so a second one is a mistake to show.
        foreach (var again in new[] { first, Cdr("B-CDR-DUP", cost: 5.00m), Cdr("b-cdr-dup") })
            AssertProblem(await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Post, "/admin/parties/NL/CPO/cpo/cdrs", again),
                HttpStatusCode.Conflict, "credit CDR");

        var (_, _, held) = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, "/admin/parties/NL/CPO/cpo/cdrs/B-CDR-DUP");
        OcpiJsonAssert.Same(first, JsonNode.Parse(held));
    }

    [Theory]
    [InlineData("PUT", "/admin/parties/NL/NOP/cpo/sessions/B-UNKNOWN")]
    [InlineData("PATCH", "/admin/parties/NL/NOP/cpo/sessions/B-UNKNOWN")]
    [InlineData("GET", "/admin/parties/NL/NOP/cpo/sessions")]
    [InlineData("GET", "/admin/parties/NL/NOP/cpo/sessions/B-UNKNOWN")]
    [InlineData("POST", "/admin/parties/NL/NOP/cpo/cdrs")]
    [InlineData("GET", "/admin/parties/NL/NOP/cpo/cdrs")]
    [InlineData("GET", "/admin/parties/NL/NOP/emsp/sessions")]
    [InlineData("GET", "/admin/parties/NL/NOP/emsp/cdrs")]
    [InlineData("PUT", "/admin/parties/DE/MSP/cpo/sessions/B-UNKNOWN")] // hosted, but no CPO
    [InlineData("POST", "/admin/parties/DE/MSP/cpo/cdrs")] // hosted, but no CPO
    [InlineData("GET", "/admin/parties/NL/CPO/emsp/sessions")] // hosted, but no eMSP
    [InlineData("GET", "/admin/parties/NL/CPO/emsp/cdrs")] // hosted, but no eMSP
    public async Task BackOffice_a_party_not_hosted_in_that_role_is_a_404_problem(string method, string path)
    {
        // Valid for the URL, so that the party is what gets refused.
        var party = path.Split('/')[3] + "*" + path.Split('/')[4];
        object? body = method switch
        {
            "PUT" => Session("B-UNKNOWN", owner: party),
            "PATCH" => new JsonObject { ["status"] = "COMPLETED", ["last_updated"] = T1 },
            "POST" => Cdr("B-UNKNOWN", owner: party),
            _ => null,
        };
        var instance = party.StartsWith("DE", StringComparison.Ordinal) ? f.Emsp : f.Cpo;

        AssertProblem(await SessionCdrConformanceFixture.AdminAsync(instance, new HttpMethod(method), path, body), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "/admin/parties/NL/CPO/cpo/sessions")]
    [InlineData("GET", "/admin/parties/NL/CPO/cpo/sessions/B-VALID")]
    [InlineData("PUT", "/admin/parties/NL/CPO/cpo/sessions/B-ANON")]
    [InlineData("PATCH", "/admin/parties/NL/CPO/cpo/sessions/B-VALID")]
    [InlineData("POST", "/admin/parties/NL/CPO/cpo/cdrs")]
    [InlineData("GET", "/admin/parties/NL/CPO/cpo/cdrs")]
    [InlineData("GET", "/admin/parties/DE/MSP/emsp/sessions")]
    [InlineData("GET", "/admin/parties/DE/MSP/emsp/cdrs")]
    public async Task BackOffice_sessions_and_cdrs_routes_refuse_an_unauthenticated_caller(string method, string path)
    {
        var instance = path.Contains("/DE/", StringComparison.Ordinal) ? f.Emsp : f.Cpo;
        foreach (var authorization in new[] { null, "Bearer wrong-key", "Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(f.EmspToken)) })
        {
            using var anonymous = new HttpClient { BaseAddress = new Uri(instance.Url) };
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Content = method switch
            {
                "PUT" => JsonContent.Create(Session("B-ANON")),
                "PATCH" => JsonContent.Create(new JsonObject { ["status"] = "INVALID", ["last_updated"] = "2039-01-01T00:00:00Z" }),
                "POST" => JsonContent.Create(Cdr("B-ANON")),
                _ => null,
            };

            var response = await anonymous.SendAsync(request, Ct);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{authorization ?? "none"}: {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound,
            (await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, "/admin/parties/NL/CPO/cpo/sessions/B-ANON")).Status);
        Assert.Equal(HttpStatusCode.NotFound,
            (await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get, "/admin/parties/NL/CPO/cpo/cdrs/B-ANON")).Status);
    }

    // ---- The spec's examples round-trip ----

    private static async Task<JsonObject> ExampleAsync(string file) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Examples", "2.2.1", file), Ct))!.AsObject();

    /// <summary>
    /// The example as NL*CPO may send it to DE*MSP: the examples belong to other CPOs and name other eMSPs' tokens,
    /// so owner and token party are rewritten, and the id made this test's own (both session examples use "101").
    /// </summary>
    private static JsonObject AsNlCpoForDeMsp(JsonObject example, string id)
    {
        var sent = example.With(("country_code", "NL"), ("party_id", "CPO"), ("id", id));
        sent["cdr_token"]!["country_code"] = "DE";
        sent["cdr_token"]!["party_id"] = "MSP";
        return sent;
    }

    [Theory]
    [InlineData("session_example_1_simple_start.json")]
    [InlineData("session_example_2_short_finished.json")]
    public async Task Receiver_stores_each_spec_session_example_as_sent(string file)
    {
        var id = "RT-" + Path.GetFileNameWithoutExtension(file)["session_example_".Length..];
        var sent = AsNlCpoForDeMsp(await ExampleAsync(file), id);

        AssertOk(await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl(id), sent.ToJsonString()), HttpStatusCode.Created);

        OcpiJsonAssert.Same(sent, await ReceivedSessionAsync(id));
    }

    [Fact]
    public async Task Receiver_stores_the_spec_cdr_example_as_sent_and_answers_it_at_its_Location()
    {
        var sent = AsNlCpoForDeMsp(await ExampleAsync("cdr_example.json"), "RT-cdr_example");

        var posted = await PostCdrAsync(sent.ToJsonString());

        AssertOk(posted, HttpStatusCode.Created);
        var read = await f.AsCpoAsync(HttpMethod.Get, Header(posted, "Location")!);
        AssertOk(read);
        OcpiJsonAssert.Same(sent, read.Data);
    }
}
