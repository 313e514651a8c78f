using System.Text.Json.Nodes;

namespace Platform.UnitTests.Wire;

/// <summary>
/// What a sloppy or hostile peer could store otherwise: the same EVSE or connector twice, negative energy, time or cost,
/// connectors of impossible size.
/// </summary>
public sealed class SaneValueTests
{
    [Fact]
    public void Two_EVSEs_with_one_uid_in_a_location_are_refused()
    {
        var location = JsonNode.Parse(Samples.ByKind["Location"])!;
        var evses = location["evses"]!.AsArray();
        evses.Add(evses[0]!.DeepClone());
        Assert.Contains("evses: must not list the same uid twice", Kinds.Problems("Location", location.ToJsonString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Uids_differing_only_in_case_are_the_same_uid()
    {
        var location = JsonNode.Parse(Samples.ByKind["Location"])!;
        var evses = location["evses"]!.AsArray();
        var copy = evses[0]!.DeepClone();
        evses[0]!["uid"] = "abc";
        copy["uid"] = "ABC";
        evses.Add(copy);
        Assert.Contains("must not list the same uid twice", Kinds.Problems("Location", location.ToJsonString()), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_connectors_with_one_id_in_an_EVSE_are_refused()
    {
        var evse = JsonNode.Parse(Samples.ByKind["Evse"])!;
        var connectors = evse["connectors"]!.AsArray();
        connectors.Add(connectors[0]!.DeepClone());
        Assert.Contains("connectors: must not list the same id twice", Kinds.Problems("Evse", evse.ToJsonString()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Session", "kwh", "-10", "kwh: must be >= 0")]
    [InlineData("Session", "total_cost", "{\"excl_vat\":-1}", "total_cost.excl_vat: must be >= 0")]
    [InlineData("Cdr", "total_energy", "-1", "total_energy: must be >= 0")]
    [InlineData("Cdr", "total_time", "-0.5", "total_time: must be >= 0")]
    [InlineData("Cdr", "total_parking_time", "-1", "total_parking_time: must be >= 0")]
    [InlineData("Cdr", "total_cost", "{\"excl_vat\":-4.00,\"incl_vat\":-4.40}", "total_cost.excl_vat: must be >= 0")]
    [InlineData("Connector", "max_voltage", "1000000", "max_voltage: must be <= 5000")]
    [InlineData("Connector", "max_amperage", "2000000", "max_amperage: must be <= 10000")]
    [InlineData("Connector", "max_electric_power", "2000000000", "max_electric_power: must be <= 20000000")]
    public void Numbers_the_spec_constrains_are_refused_out_of_range(string kind, string field, string value, string expected)
    {
        var node = JsonNode.Parse(Samples.ByKind[kind])!;
        node[field] = JsonNode.Parse(value);
        Assert.Contains(expected, Kinds.Problems(kind, node.ToJsonString()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_credit_CDR_may_carry_negated_totals()
    {
        var cdr = JsonNode.Parse(Samples.ByKind["Cdr"])!;
        cdr["credit"] = true;
        cdr["credit_reference_id"] = "12344";
        cdr["total_energy"] = -15.342;
        cdr["total_cost"] = JsonNode.Parse("{\"excl_vat\":-4.00,\"incl_vat\":-4.40}");
        Assert.Equal("", Kinds.Problems("Cdr", cdr.ToJsonString()));
    }
}
