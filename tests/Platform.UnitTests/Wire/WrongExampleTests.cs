using System.Text;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Tariffs;

namespace Platform.UnitTests.Wire;

/// <summary>The example files digest §6.3 lists as defective: each defect must be caught, by name.</summary>
public sealed class WrongExampleTests
{
    [Theory]
    [InlineData("cdr_example.json", "Cdr")]
    [InlineData("session_example_1_simple_start.json", "Session")]
    [InlineData("session_example_2_short_finished.json", "Session")]
    public void Tag_examples_lack_the_cdr_token_owner(string file, string kind) =>
        // 2.2.1 made cdr_token.country_code/party_id required; the tag's examples predate that (fixed in the errata).
        Assert.Equal("cdr_token.country_code: is required; cdr_token.party_id: is required",
            Kinds.Problems(kind, Examples.Text(file, Examples.TagFolder)));

    [Fact]
    public void Bugfixes_cdr_example_still_has_swapped_coordinates_which_no_rule_can_see()
    {
        // Gent is at 51.05 N, 3.73 E; the example says latitude 3.729944. That is still a valid latitude, so the
        // file validates: swapped coordinates are only detectable against the Location, not on the wire.
        var cdr = (Cdr)Kinds.ReadOk("Cdr", Examples.Text("cdr_example.json"));
        Assert.Equal("3.729944", cdr.CdrLocation!.Coordinates!.Latitude);
        Assert.Equal("51.047599", cdr.CdrLocation.Coordinates.Longitude);
        Assert.Equal("", Kinds.Problems("Cdr", Examples.Text("cdr_example.json")));
    }

    [Fact]
    public void Add_evse_example_has_a_numeric_physical_reference()
    {
        var json = Encoding.UTF8.GetBytes(Examples.Text("location_put_example_add_evse.json"));
        Assert.False(OcpiJson.TryRead<Evse>(json, out _, out var error));
        Assert.Equal(JsonReadErrorKind.Shape, error.Kind);
        Assert.Equal("physical_reference", error.Path);
    }

    [Fact]
    public void Add_evse_example_uses_floor_and_has_an_incomplete_connector()
    {
        var node = JsonTree.Remove(Examples.Node("location_put_example_add_evse.json"), "physical_reference");
        var evse = (Evse)Kinds.ReadOk("Evse", node.ToJsonString());
        Assert.Null(evse.FloorLevel); // "floor" is not an OCPI field: it is ignored, not mapped.
        Assert.Equal(
            "connectors[0].power_type: is required; connectors[0].max_voltage: is required; " +
            "connectors[0].max_amperage: is required; connectors[0].last_updated: is required",
            Kinds.Problems("Evse", node.ToJsonString()));
    }

    [Fact]
    public void Tariff_put_example_lacks_last_updated()
    {
        var json = Examples.Text("tariff_put_example.json");
        Assert.Equal("last_updated: is required", Kinds.Problems("Tariff", json));
        Assert.Equal("", Kinds.Problems("Tariff", JsonTree.Set(Examples.Node("tariff_put_example.json"), "last_updated", "2019-06-24T12:39:09Z").ToJsonString()));
    }

    [Fact]
    public void Tag_tariff_7_is_well_formed_its_defect_is_semantic()
    {
        // The errata removed tariff_7 because it prices parking by min_duration/max_duration, which measure the
        // whole session, not the parking time. That is a meaning error no wire rule can detect: the file is valid.
        var tariff = (Tariff)Kinds.ReadOk("Tariff", Examples.Text("tariff_7_first_hour_kwh_free.json", Examples.TagFolder));
        Assert.Contains(tariff.Elements!, e => e.PriceComponents!.Any(c => c.Type == TariffDimensionType.PARKING_TIME)
                                                && e.Restrictions?.MaxDuration is not null);
        Assert.Equal("", Kinds.Problems("Tariff", Examples.Text("tariff_7_first_hour_kwh_free.json", Examples.TagFolder)));
    }
}
