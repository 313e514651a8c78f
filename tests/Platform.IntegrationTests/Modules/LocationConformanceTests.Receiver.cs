using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Modules.LocationBodies;

namespace Platform.IntegrationTests.Modules;

/// <summary>DE*MSP's Receiver interface, called by NL*CPO over their connection. Location ids start with "R-".</summary>
public sealed partial class LocationConformanceTests
{
    private const string T0 = "2024-01-01T10:00:00Z";
    private const string T1 = "2024-01-02T10:00:00Z";

    private async Task<JsonNode?> ReceivedAsync(string path, string owner = "NL/CPO")
    {
        var answer = await f.ReceiverAsync(HttpMethod.Get, path, owner: owner);
        AssertOk(answer);
        return answer.Data;
    }

    private async Task AssertNotStoredAsync(string path, string owner = "NL/CPO") =>
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Get, path, owner: owner));

    [Fact]
    public async Task Receiver_PUT_answers_201_for_a_new_object_and_200_when_it_replaces_one()
    {
        var created = await f.ReceiverAsync(HttpMethod.Put, "R-T9", LocationWithEvse("R-T9", T0));
        AssertOk(created, HttpStatusCode.Created);
        // The answer comes from DE*MSP and goes to NL*CPO: the routing headers swap (digest §2.3).
        Assert.Equal(("DE", "MSP", "NL", "CPO"), (Header(created, "OCPI-from-country-code"), Header(created, "OCPI-from-party-id"),
            Header(created, "OCPI-to-country-code"), Header(created, "OCPI-to-party-id")));
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T9", LocationWithEvse("R-T9", T1).With(("name", "Renamed"))));
        Assert.Equal("Renamed", (string?)(await ReceivedAsync("R-T9"))!["name"]);

        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T9/R-T9-E2", Evse("R-T9-E2", T1)), HttpStatusCode.Created);
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T9/R-T9-E2", Evse("R-T9-E2", T1, "CHARGING")));
        Assert.Equal("CHARGING", (string?)(await ReceivedAsync("R-T9/R-T9-E2"))!["status"]);

        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T9/R-T9-E2/2", Connector("2", T1)), HttpStatusCode.Created);
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T9/R-T9-E2/2", Connector("2", T1, maxAmperage: 32)));
        Assert.Equal(32, (int?)(await ReceivedAsync("R-T9/R-T9-E2/2"))!["max_amperage"]);
    }

    [Fact]
    public async Task Receiver_PUT_of_a_location_whose_body_disagrees_with_the_URL_is_2001_and_stores_nothing()
    {
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, "R-T11-URL", LocationWithEvse("R-T11-BODY", T0)), "id");
        await AssertNotStoredAsync("R-T11-URL");
        await AssertNotStoredAsync("R-T11-BODY");

        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, "R-T11-CC", LocationWithEvse("R-T11-CC", T0, "BE*CPO")), "country_code");
        await AssertNotStoredAsync("R-T11-CC");
        await AssertNotStoredAsync("R-T11-CC", owner: "BE/CPO");

        // NL*CP2 is hosted next to NL*CPO, but this connection does not carry it: the body may not name it either.
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, "R-T11-PID", LocationWithEvse("R-T11-PID", T0, "NL*CP2")), "party_id");
        await AssertNotStoredAsync("R-T11-PID");
    }

    [Fact]
    public async Task Receiver_PUT_or_PATCH_of_a_child_or_PATCH_of_ids_that_disagree_with_the_URL_is_2001_and_changes_nothing()
    {
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T11C", LocationWithEvse("R-T11C", T0)), HttpStatusCode.Created);
        var before = Json(await ReceivedAsync("R-T11C"));

        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, "R-T11C/R-T11C-E2", Evse("R-T11C-E3", T1)), "uid");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, "R-T11C/R-T11C-E1/2", Connector("3", T1)), "id");

        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T11C", new JsonObject { ["id"] = "R-T11D", ["last_updated"] = T1 }), "id");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T11C", new JsonObject { ["party_id"] = "CP2", ["last_updated"] = T1 }), "party_id");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T11C/R-T11C-E1", new JsonObject { ["uid"] = "R-T11C-E3", ["last_updated"] = T1 }), "uid");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T11C/R-T11C-E1/1", new JsonObject { ["id"] = "2", ["last_updated"] = T1 }), "id");

        await AssertNotStoredAsync("R-T11C/R-T11C-E2");
        await AssertNotStoredAsync("R-T11C/R-T11C-E3");
        await AssertNotStoredAsync("R-T11C/R-T11C-E1/2");
        Assert.Equal(before, Json(await ReceivedAsync("R-T11C")));
    }

    [Fact]
    public async Task Receiver_PATCH_that_sets_an_optional_field_to_null_clears_it_and_one_that_nulls_a_required_field_is_2001()
    {
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-NULL", LocationWithEvse("R-NULL", T0).With(("name", "Named"), ("postal_code", "1000AA"))),
            HttpStatusCode.Created);

        // 2.2.1 transport_and_format §PATCH: the fields sent replace the stored ones; null leaves the object without it.
        AssertOk(await f.ReceiverAsync(HttpMethod.Patch, "R-NULL", new JsonObject { ["name"] = null, ["last_updated"] = T1 }));
        var stored = (await ReceivedAsync("R-NULL"))!.AsObject();
        Assert.False(stored.ContainsKey("name"));
        Assert.Equal("1000AA", (string?)stored["postal_code"]);

        // A whole location must have an address and a status per EVSE: a PATCH cannot take them away.
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-NULL", new JsonObject { ["address"] = null, ["last_updated"] = T1 }), "address");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-NULL/R-NULL-E1", new JsonObject { ["status"] = null, ["last_updated"] = T1 }), "status");
        var after = (await ReceivedAsync("R-NULL"))!;
        Assert.NotNull(after["address"]);
        Assert.Equal("AVAILABLE", (string?)after["evses"]![0]!["status"]);
    }

    [Fact]
    public async Task Receiver_PATCH_without_last_updated_is_2001_and_changes_nothing()
    {
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T10", LocationWithEvse("R-T10", T0)), HttpStatusCode.Created);
        var before = Json(await ReceivedAsync("R-T10"));

        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T10", new JsonObject { ["name"] = "Renamed" }), "last_updated");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T10/R-T10-E1", new JsonObject { ["status"] = "CHARGING" }), "last_updated");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T10/R-T10-E1/1", new JsonObject { ["max_amperage"] = 32 }), "last_updated");

        Assert.Equal(before, Json(await ReceivedAsync("R-T10")));
    }

    [Fact]
    public async Task Receiver_refuses_a_body_that_is_not_JSON_with_HTTP_400_and_stores_nothing()
    {
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T7", LocationWithEvse("R-T7", T0)), HttpStatusCode.Created);
        var before = Json(await ReceivedAsync("R-T7"));

        AssertRefused(await f.ReceiverAsync(HttpMethod.Put, "R-T7-NEW", """{"country_code": "NL", "party_id": "CPO", "id": "R-T7-NEW",""" ),
            HttpStatusCode.BadRequest);
        AssertRefused(await f.ReceiverAsync(HttpMethod.Put, "R-T7/R-T7-E2", "{uid: R-T7-E2}"), HttpStatusCode.BadRequest);
        AssertRefused(await f.ReceiverAsync(HttpMethod.Patch, "R-T7", """{"name": "x", "last_updated": "2024-01-02T10:00:00Z"} trailing"""),
            HttpStatusCode.BadRequest);

        await AssertNotStoredAsync("R-T7-NEW");
        Assert.Equal(before, Json(await ReceivedAsync("R-T7")));
    }

    /// <summary>
    /// One field of an otherwise valid location is replaced by <paramref name="value"/> (raw JSON) at
    /// <paramref name="path"/> (JSON property names and array indexes, "/"-separated).
    /// </summary>
    [Theory]
    [InlineData("publish", "\"yes\"", "publish")]
    [InlineData("coordinates", "\"52.089444,5.110278\"", "coordinates")]
    [InlineData("parking_type", "\"ON_ROOF\"", "parking_type")]
    [InlineData("evses/0/status", "\"BROKEN\"", "evses[0].status")]
    [InlineData("evses/0/connectors/0/max_voltage", "\"230\"", "evses[0].connectors[0].max_voltage")]
    [InlineData("evses/0/capabilities", "[\"TELEPORT\"]", "evses[0].capabilities")]
    // 37 characters, one over CiString(36).
    [InlineData("evses/0/uid", "\"E-01234567890123456789012345678901234\"", "evses[0].uid")]
    [InlineData("evses/0/connectors/0/id", "\"C-01234567890123456789012345678901234\"", "evses[0].connectors[0].id")]
    [InlineData("last_updated", "\"2024-01-01T11:00:00+01:00\"", "last_updated")]
    [InlineData("last_updated", "\"2024-01-01T10:00:00+00:00\"", "last_updated")]
    [InlineData("evses/0/last_updated", "\"2024-01-01T10:00:00+00:00\"", "evses[0].last_updated")]
    [InlineData("evses/0/connectors/0/last_updated", "\"2024-01-01T11:00:00+01:00\"", "evses[0].connectors[0].last_updated")]
    public async Task Receiver_PUT_of_valid_JSON_with_a_wrong_field_is_2001_naming_it_and_stores_nothing(string path, string value, string field)
    {
        var id = "R-SHAPE-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path + value)))[..12];
        var body = LocationWithEvse(id, T0);
        var steps = path.Split('/');
        JsonNode parent = body;
        foreach (var step in steps[..^1]) parent = int.TryParse(step, out var i) ? parent[i]! : parent[step]!;
        parent[steps[^1]] = JsonNode.Parse(value);

        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, id, body), field);

        await AssertNotStoredAsync(id);
    }

    [Fact]
    public async Task Receiver_ids_longer_than_36_characters_are_2001()
    {
        var longId = "R-LONG-" + new string('x', 30);
        Assert.Equal(37, longId.Length);
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, longId, LocationWithEvse(longId, T0)), "id");
        await AssertNotStoredAsync(longId);

        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-LONG", LocationWithEvse("R-LONG", T0)), HttpStatusCode.Created);
        var before = Json(await ReceivedAsync("R-LONG"));
        var longUid = "E-" + new string('u', 35);
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, $"R-LONG/{longUid}", Evse(longUid, T1)), "uid");
        var longConnector = new string('9', 37);
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, $"R-LONG/R-LONG-E1/{longConnector}", Connector(longConnector, T1)), "id");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, $"R-LONG/{longUid}", new JsonObject { ["status"] = "CHARGING", ["last_updated"] = T1 }),
            "evse_uid");
        Assert.Equal(before, Json(await ReceivedAsync("R-LONG")));
    }

    [Fact]
    public async Task Receiver_PUT_and_PATCH_with_a_DateTime_offset_are_2001_and_change_nothing()
    {
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T17", LocationWithEvse("R-T17", T0)), HttpStatusCode.Created);
        var before = Json(await ReceivedAsync("R-T17"));

        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T17", new JsonObject { ["name"] = "x", ["last_updated"] = "2024-01-02T10:00:00+00:00" }),
            "last_updated");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Put, "R-T17/R-T17-E2", Evse("R-T17-E2", "2024-01-02T11:00:00+01:00")), "last_updated");
        AssertInvalid(await f.ReceiverAsync(HttpMethod.Patch, "R-T17/R-T17-E1/1",
            new JsonObject { ["max_amperage"] = 32, ["last_updated"] = "2024-01-02T11:00:00+01:00" }), "last_updated");

        Assert.Equal(before, Json(await ReceivedAsync("R-T17")));
        await AssertNotStoredAsync("R-T17/R-T17-E2");
    }

    [Fact]
    public async Task Receiver_GET_of_an_unknown_location_EVSE_or_connector_is_404()
    {
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-T8", LocationWithEvse("R-T8", T0)), HttpStatusCode.Created);

        await AssertNotStoredAsync("R-T8-NONE");
        await AssertNotStoredAsync("R-T8-NONE/R-T8-E1");
        await AssertNotStoredAsync("R-T8/R-T8-E9");
        await AssertNotStoredAsync("R-T8/R-T8-E1/9");
        await AssertNotStoredAsync("R-T8/R-T8-E9/1");
    }

    [Fact]
    public async Task Receiver_writes_of_a_connector_or_EVSE_move_the_last_updated_of_its_parents()
    {
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-L1", LocationWithEvse("R-L1", T0)), HttpStatusCode.Created);

        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-L1/R-L1-E1/2", Connector("2", "2024-02-01T00:00:00Z")), HttpStatusCode.Created);
        var location = await ReceivedAsync("R-L1");
        Assert.Equal("2024-02-01T00:00:00Z", (string?)location!["last_updated"]);
        Assert.Equal("2024-02-01T00:00:00Z", (string?)location["evses"]![0]!["last_updated"]);
        Assert.Equal(2, location["evses"]![0]!["connectors"]!.AsArray().Count);

        AssertOk(await f.ReceiverAsync(HttpMethod.Patch, "R-L1/R-L1-E1/1", new JsonObject { ["max_amperage"] = 32, ["last_updated"] = "2024-02-02T00:00:00Z" }));
        location = await ReceivedAsync("R-L1");
        Assert.Equal("2024-02-02T00:00:00Z", (string?)location!["last_updated"]);
        Assert.Equal("2024-02-02T00:00:00Z", (string?)location["evses"]![0]!["last_updated"]);
        Assert.Equal(32, (int?)(await ReceivedAsync("R-L1/R-L1-E1/1"))!["max_amperage"]);
        Assert.Equal("2024-02-02T00:00:00Z", (string?)(await ReceivedAsync("R-L1/R-L1-E1/1"))!["last_updated"]);

        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-L1/R-L1-E2", Evse("R-L1-E2", "2024-02-03T00:00:00Z")), HttpStatusCode.Created);
        location = await ReceivedAsync("R-L1");
        Assert.Equal("2024-02-03T00:00:00Z", (string?)location!["last_updated"]);
        Assert.Equal("2024-02-02T00:00:00Z", (string?)location["evses"]![0]!["last_updated"]);

        AssertOk(await f.ReceiverAsync(HttpMethod.Patch, "R-L1/R-L1-E1", new JsonObject { ["status"] = "CHARGING", ["last_updated"] = "2024-02-04T00:00:00Z" }));
        location = await ReceivedAsync("R-L1");
        Assert.Equal("2024-02-04T00:00:00Z", (string?)location!["last_updated"]);
        var evse = await ReceivedAsync("R-L1/R-L1-E1");
        Assert.Equal("CHARGING", (string?)evse!["status"]);
        Assert.Equal("2024-02-04T00:00:00Z", (string?)evse["last_updated"]);
        Assert.Equal("2024-02-03T00:00:00Z", (string?)(await ReceivedAsync("R-L1/R-L1-E2"))!["last_updated"]);
    }

    [Fact]
    public async Task Receiver_writes_below_an_unknown_location_or_EVSE_are_404_and_store_nothing()
    {
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Put, "R-UNKNOWN/R-UNKNOWN-E1", Evse("R-UNKNOWN-E1", T0)));
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Patch, "R-UNKNOWN", new JsonObject { ["name"] = "x", ["last_updated"] = T1 }));
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Patch, "R-UNKNOWN/R-UNKNOWN-E1", new JsonObject { ["status"] = "CHARGING", ["last_updated"] = T1 }));
        await AssertNotStoredAsync("R-UNKNOWN");

        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-KNOWN", LocationWithEvse("R-KNOWN", T0)), HttpStatusCode.Created);
        var before = Json(await ReceivedAsync("R-KNOWN"));
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Put, "R-KNOWN/R-KNOWN-E9/1", Connector("1", T1)));
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Patch, "R-KNOWN/R-KNOWN-E9", new JsonObject { ["status"] = "CHARGING", ["last_updated"] = T1 }));
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Patch, "R-KNOWN/R-KNOWN-E1/9", new JsonObject { ["max_amperage"] = 32, ["last_updated"] = T1 }));
        Assert.Equal(before, Json(await ReceivedAsync("R-KNOWN")));
    }

    [Fact]
    public async Task Receiver_PATCHes_sent_at_once_are_each_answered_on_their_own_and_all_kept()
    {
        // On SQLite concurrent receiver writes share commits; a PATCH that fails must not take the others down.
        var evses = Enumerable.Range(1, 12).Select(i => Evse($"R-BURST-E{i}", T0)).ToArray();
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-BURST", Location("R-BURST", T0, evses)), HttpStatusCode.Created);
        var patches = Enumerable.Range(1, 12).Select(i => f.ReceiverAsync(HttpMethod.Patch, $"R-BURST/R-BURST-E{i}",
            new JsonObject { ["status"] = "CHARGING", ["last_updated"] = T1 })).ToList();
        var unknown = Enumerable.Range(1, 4).Select(i => f.ReceiverAsync(HttpMethod.Patch, $"R-BURST/R-BURST-X{i}",
            new JsonObject { ["status"] = "CHARGING", ["last_updated"] = T1 })).ToList();

        foreach (var answer in await Task.WhenAll(patches)) AssertOk(answer);
        foreach (var answer in await Task.WhenAll(unknown)) AssertNotFound(answer);
        var stored = (await ReceivedAsync("R-BURST"))!["evses"]!.AsArray();
        Assert.Equal(12, stored.Count);
        Assert.All(stored, e => Assert.Equal("CHARGING", (string?)e!["status"]));
    }

    [Theory]
    [InlineData("NL*CP2")] // hosted by the same CPO platform, but not part of this connection
    [InlineData("DE*MSP")] // a party of the connection, but not its CPO
    [InlineData("FR*OTH")] // a party of another connection
    public async Task Receiver_URL_naming_an_owner_that_is_not_a_CPO_of_the_connection_is_404(string owner)
    {
        var urlOwner = owner.Replace('*', '/');
        var id = "R-T12-" + owner[3..];
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Put, id, LocationWithEvse(id, T0, owner), urlOwner));
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Get, id, owner: urlOwner));
        AssertNotFound(await f.ReceiverAsync(HttpMethod.Patch, id, new JsonObject { ["name"] = "x", ["last_updated"] = T1 }, urlOwner));

        var held = await f.Emsp.Admin.GetAsync($"/admin/parties/DE/MSP/emsp/locations/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, held.StatusCode);
    }

    [Fact]
    public async Task Receiver_ids_and_parties_are_case_insensitive_and_keep_the_casing_they_arrived_in()
    {
        var body = Location("r-t18-loc", T0, Evse("r-t18-Evse", T0, "AVAILABLE", Connector("c1", T0)));
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "r-t18-loc", body, owner: "nl/cpo"), HttpStatusCode.Created);

        var location = await ReceivedAsync("R-T18-LOC");
        Assert.Equal("r-t18-loc", (string?)location!["id"]);
        Assert.Equal("r-t18-Evse", (string?)location["evses"]![0]!["uid"]);
        Assert.Equal("c1", (string?)(await ReceivedAsync("R-T18-LOC/R-T18-EVSE/C1"))!["id"]);

        AssertOk(await f.ReceiverAsync(HttpMethod.Patch, "R-T18-LOC/R-T18-EVSE", new JsonObject { ["status"] = "CHARGING", ["last_updated"] = T1 }));
        // The same id in another casing addresses the same object: replaced (200), not added.
        AssertOk(await f.ReceiverAsync(HttpMethod.Put, "R-t18-LOC/R-T18-EVSE/C1", Connector("C1", T1, maxAmperage: 32)));

        location = await ReceivedAsync("r-t18-loc", owner: "Nl/cPo");
        Assert.Equal("r-t18-loc", (string?)location!["id"]);
        var evse = Assert.Single(location["evses"]!.AsArray())!;
        Assert.Equal("r-t18-Evse", (string?)evse["uid"]);
        Assert.Equal("CHARGING", (string?)evse["status"]);
        Assert.Equal(32, (int?)Assert.Single(evse["connectors"]!.AsArray())!["max_amperage"]);

        // Routing headers name parties by CiString too.
        using var lowerCase = new OcpiClient(f.CpoToken);
        AssertOk(await lowerCase.SendAsync(HttpMethod.Get, f.ReceiverUrl("R-T18-LOC"), from: "nl*cpo", to: "de*msp", ct: Ct));

        var held = await f.Emsp.Admin.GetFromJsonAsync<JsonObject>("/admin/parties/de/msp/emsp/locations/R-T18-LOC?country_code=nl&party_id=cpo", Ct);
        Assert.Equal("r-t18-loc", (string?)held!["id"]);
    }
}
