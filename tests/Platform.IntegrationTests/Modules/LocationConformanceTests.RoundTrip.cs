using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Modules.LocationBodies;

namespace Platform.IntegrationTests.Modules;

/// <summary>The spec's own location examples through the Receiver, and the back office's refusals.</summary>
public sealed partial class LocationConformanceTests
{
    /// <summary>
    /// Every location_example*.json of the 2.2.1 examples (release-2.2.1-bugfixes). Digest §6.3 lists no defect in
    /// these; the defective location_put_example_add_evse.json is an EVSE fragment and not among them.
    /// </summary>
    public static TheoryData<string> LocationExamples() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Examples", "2.2.1"), "location_example*.json")
            .Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal));

    [Fact]
    public void The_spec_location_examples_are_all_there()
    {
        // A glob that matches nothing would make the round-trip theory vacuous.
        Assert.Equal(6, LocationExamples().Count);
    }

    [Theory]
    [MemberData(nameof(LocationExamples))]
    public async Task Receiver_stores_each_spec_location_example_as_sent(string file)
    {
        var example = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Examples", "2.2.1", file), Ct))!.AsObject();
        // The examples belong to other CPOs; this connection may only push NL*CPO's, under an id of this test's own.
        var name = Path.GetFileNameWithoutExtension(file)["location_example".Length..].TrimStart('_');
        var id = "R-EX-" + (name.Length == 0 ? "location" : name);
        var sent = example.With(("country_code", "NL"), ("party_id", "CPO"), ("id", id.Length > 36 ? id[..36] : id));
        id = (string)sent["id"]!;

        var put = await f.ReceiverAsync(HttpMethod.Put, id, sent.ToJsonString());
        AssertOk(put, HttpStatusCode.Created);

        var read = await ReceivedAsync(id);
        OcpiJsonAssert.Same(sent, read, "$");
        var evse = sent["evses"]![0]!;
        OcpiJsonAssert.Same(evse, await ReceivedAsync($"{id}/{evse["uid"]}"), "$.evses[0]");
        var connector = evse["connectors"]![0]!;
        OcpiJsonAssert.Same(connector, await ReceivedAsync($"{id}/{evse["uid"]}/{connector["id"]}"), "$.evses[0].connectors[0]");
    }

    [Fact]
    public async Task BackOffice_PUT_of_an_invalid_location_is_a_400_problem_and_publishes_nothing()
    {
        var invalid = LocationWithEvse("B-INVALID", "2039-01-01T00:00:00Z");
        invalid.Remove("city");
        invalid["evses"]![0]!["status"] = "ALMOST";
        var wrongType = LocationWithEvse("B-INVALID", "2039-01-01T00:00:00Z").With(("publish", "yes"));
        var missing = LocationWithEvse("B-INVALID", "2039-01-01T00:00:00Z");
        missing.Remove("city");
        var otherId = LocationWithEvse("B-OTHER", "2039-01-01T00:00:00Z");

        foreach (var (body, field) in new[] { (invalid.ToJsonString(), "evses[0].status"), (wrongType.ToJsonString(), "publish"),
                     (missing.ToJsonString(), "city"), (otherId.ToJsonString(), "id"), ("""{"id": "B-INVALID",""", "JSON") })
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await f.Cpo.Admin.PutAsync("/admin/parties/NL/CPO/cpo/locations/B-INVALID", content, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, (string?)JsonNode.Parse(text)!["detail"], StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await f.Cpo.Admin.GetAsync("/admin/parties/NL/CPO/cpo/locations/B-INVALID", Ct)).StatusCode);
        AssertNotFound(await f.SenderAsync("/B-INVALID"));
    }

    [Theory]
    [InlineData("PUT", "/admin/parties/NL/NOP/cpo/locations/B-UNKNOWN")]
    [InlineData("PATCH", "/admin/parties/NL/NOP/cpo/locations/B-UNKNOWN")]
    [InlineData("GET", "/admin/parties/NL/NOP/cpo/locations")]
    [InlineData("GET", "/admin/parties/NL/NOP/emsp/locations")]
    [InlineData("PUT", "/admin/parties/DE/MSP/cpo/locations/B-UNKNOWN")] // hosted, but no CPO
    public async Task BackOffice_a_party_not_hosted_in_that_role_is_a_404_problem(string method, string path)
    {
        // Valid for the URL, so that the party is what gets refused.
        var party = path.Split('/')[3] + "*" + path.Split('/')[4];
        var body = method == "PATCH"
            ? new JsonObject { ["name"] = "x", ["last_updated"] = "2039-01-01T00:00:00Z" }
            : LocationWithEvse("B-UNKNOWN", "2039-01-01T00:00:00Z", party);
        var instance = party.StartsWith("DE", StringComparison.Ordinal) ? f.Emsp : f.Cpo;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET") request.Content = JsonContent.Create(body);

        var response = await instance.Admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BackOffice_the_received_locations_of_a_party_without_the_EMSP_role_are_a_404_problem()
    {
        foreach (var path in new[] { "/admin/parties/NL/CPO/emsp/locations", "/admin/parties/NL/CPO/emsp/locations?country_code=NL&party_id=CP2",
                     "/admin/parties/NL/CPO/emsp/locations/ISO-S" })
        {
            var response = await f.Cpo.Admin.GetAsync(path, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("EMSP", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"], StringComparison.Ordinal);
        }
        // The same route for a party that is an eMSP answers.
        Assert.Equal(HttpStatusCode.OK, (await f.Emsp.Admin.GetAsync("/admin/parties/DE/MSP/emsp/locations", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/admin/parties/NL/CPO/cpo/locations")]
    [InlineData("GET", "/admin/parties/NL/CPO/cpo/locations/ISO-S")]
    [InlineData("PUT", "/admin/parties/NL/CPO/cpo/locations/B-ANON")]
    [InlineData("PATCH", "/admin/parties/NL/CPO/cpo/locations/ISO-S")]
    [InlineData("PATCH", "/admin/parties/NL/CPO/cpo/locations/ISO-S/ISO-S-E1")]
    [InlineData("PATCH", "/admin/parties/NL/CPO/cpo/locations/ISO-S/ISO-S-E1/1")]
    [InlineData("GET", "/admin/parties/DE/MSP/emsp/locations")]
    [InlineData("GET", "/admin/parties/DE/MSP/emsp/locations/ISO-R")]
    public async Task BackOffice_locations_routes_refuse_an_unauthenticated_caller(string method, string path)
    {
        var instance = path.Contains("/DE/", StringComparison.Ordinal) ? f.Emsp : f.Cpo;
        foreach (var authorization in new[] { null, "Bearer wrong-key", "Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(f.EmspToken)) })
        {
            using var anonymous = new HttpClient { BaseAddress = new Uri(instance.Url) };
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (method != "GET")
                request.Content = JsonContent.Create(method == "PUT" ? LocationWithEvse("B-ANON", "2039-01-01T00:00:00Z")
                    : new JsonObject { ["name"] = "x", ["status"] = "REMOVED", ["last_updated"] = "2039-01-01T00:00:00Z" });

            var response = await anonymous.SendAsync(request, Ct);

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{authorization ?? "none"}: {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await f.Cpo.Admin.GetAsync("/admin/parties/NL/CPO/cpo/locations/B-ANON", Ct)).StatusCode);
    }
}
