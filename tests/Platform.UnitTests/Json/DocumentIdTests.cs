using System.Text.Json.Nodes;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Modules.Locations;

namespace Platform.UnitTests.Json;

/// <summary>
/// EVSEs and connectors are found in a stored location by their id, compared as CiStrings, read straight from the stored
/// JSON (a parsed element) or from a value a write put into the tree.
/// </summary>
public class DocumentIdTests
{
    [Theory]
    [InlineData("""{"uid":"EVSE1"}""", "EVSE1", true)]
    [InlineData("""{"uid":"evse1"}""", "EVSE1", true)]
    [InlineData("""{"uid":"Evse-1"}""", "eVSE-1", true)]
    [InlineData("""{"uid":"EVSE1"}""", "EVSE2", false)]
    [InlineData("""{"uid":"EVSE1"}""", "EVSE", false)]
    [InlineData("""{"uid":"EVSE"}""", "EVSE1", false)]
    [InlineData("""{"uid":"EV\u0053E1"}""", "evse1", true)]
    [InlineData("""{"uid":"a\"b"}""", "A\"B", true)]
    [InlineData("""{"uid":"Ünï"}""", "üNÏ", true)]
    [InlineData("""{"uid":""}""", "", true)]
    [InlineData("""{"uid":1}""", "1", false)]
    [InlineData("""{"uid":null}""", "null", false)]
    [InlineData("""{"uid":{"a":1}}""", "a", false)]
    [InlineData("""{}""", "EVSE1", false)]
    public void A_stored_id_is_compared_as_a_CiString(string json, string id, bool same)
    {
        var parsed = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(same, OcpiDocument.IdIs(parsed["uid"], id));
    }

    [Theory]
    [InlineData("EVSE1", "evse1", true)]
    [InlineData("EVSE1", "EVSE2", false)]
    public void An_id_a_write_put_into_the_tree_is_compared_the_same(string stored, string id, bool same) =>
        Assert.Equal(same, OcpiDocument.IdIs(JsonValue.Create(stored), id));

    [Fact]
    public void A_location_finds_its_EVSE_and_connector_whatever_the_case_and_replaces_them_in_place()
    {
        var document = LocationDocument.Parse("""
            {"id":"LOC1","last_updated":"2026-01-01T00:00:00Z","evses":[
              {"uid":"E1","status":"AVAILABLE","connectors":[{"id":"1"},{"id":"2"}]},
              {"uid":"e2","status":"CHARGING","connectors":[{"id":"A"}]}]}
            """);

        Assert.Equal("CHARGING", (string?)document.Evse("E2")?["status"]);
        Assert.Same(document.Evse("e2"), document.Evse("E2"));
        Assert.NotNull(document.Connector("e1", "2"));
        Assert.NotNull(document.Connector("E2", "a"));
        Assert.Null(document.Connector("E1", "3"));
        Assert.Null(document.Evse("E3"));

        document.PutEvse(new Platform.Ocpi.Model.Locations.Evse
        {
            Uid = "E2", Status = Platform.Ocpi.Model.Locations.Status.BLOCKED, LastUpdated = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc),
        });

        var evses = document.Root["evses"]!.AsArray();
        Assert.Equal(2, evses.Count);
        Assert.Equal("E2", (string?)evses[1]!["uid"]);
        Assert.Equal("BLOCKED", (string?)evses[1]!["status"]);
    }

    [Theory]
    [InlineData("E2", null, "e2")]
    [InlineData("e\u0032", null, "e2")]
    [InlineData("E3", null, "e3")]
    [InlineData("E2", "b", "B")]
    [InlineData("e3", "1", "1")]
    public void A_stored_location_is_read_at_its_EVSE_or_connector_whatever_the_case_and_the_order_of_fields(string uid, string? connector, string expected)
    {
        // The third EVSE and its connector have their ids last, and the second EVSE's uid is escaped.
        var stored = new StoredObject
        {
            Document = """
                {"id":"LOC1","last_updated":"2026-01-01T00:00:00Z","evses":[
                  {"uid":"E1","status":"AVAILABLE","connectors":[{"id":"1"},{"id":"2"}]},
                  {"uid":"\u00652","status":"CHARGING","connectors":[{"id":"A"},{"id":"B"}]},
                  {"status":"BLOCKED","connectors":[{"standard":"IEC_62196_T2","id":"1"}],"uid":"E3"}]}
                """,
        };

        var found = LocationDocument.ReadAt(stored, new LocationPath("LOC1", uid, connector));

        Assert.NotNull(found);
        Assert.True(OcpiDocument.IdIs(found.Value.GetProperty(connector is null ? "uid" : "id"), expected));
    }

    [Theory]
    [InlineData("E4", null)]
    [InlineData("E", null)]
    [InlineData("E1", "3")]
    [InlineData("E1", "")]
    public void A_stored_location_has_nothing_at_an_EVSE_or_connector_it_lacks(string uid, string? connector)
    {
        var stored = new StoredObject
        {
            Document = """{"id":"LOC1","last_updated":"2026-01-01T00:00:00Z","evses":[{"uid":"E1","connectors":[{"id":"1"}]},{"uid":7},"E4",{"id":"E4"}]}""",
        };

        Assert.Null(LocationDocument.ReadAt(stored, new LocationPath("LOC1", uid, connector)));
    }
}
