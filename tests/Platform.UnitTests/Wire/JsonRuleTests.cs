using System.Text;
using System.Text.Json.Nodes;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Sessions;

namespace Platform.UnitTests.Wire;

/// <summary>The JSON rules every wire object follows: extra fields tolerated, nulls omitted, UTC DateTimes with Z.</summary>
public sealed class JsonRuleTests
{
    [Theory]
    [InlineData("Location", "x_vendor")]
    [InlineData("Location", "evses[0].x_vendor")]
    [InlineData("Location", "evses[0].connectors[0].x_vendor")]
    [InlineData("Cdr", "cdr_location.x_vendor")]
    [InlineData("Token", "x_vendor")]
    [InlineData("StartSession", "token.x_vendor")]
    [InlineData("ClientInfo", "x_vendor")]
    public void Unknown_properties_are_tolerated(string kind, string path)
    {
        var node = JsonTree.Set(JsonNode.Parse(Samples.ByKind[kind])!, path, JsonNode.Parse("""{ "nested": [1, "two", null] }"""));
        Assert.Equal("", Kinds.Problems(kind, node.ToJsonString()));
    }

    [Fact]
    public void Nulls_are_omitted_on_write()
    {
        Assert.Equal("""{"id":"1","max_voltage":230}""", OcpiJson.Serialize(new Connector { Id = "1", MaxVoltage = 230 }));
        var read = (Location)Kinds.ReadOk("Location", """{ "id": "LOC1", "name": null, "evses": null, "publish": false }""");
        Assert.Equal("""{"id":"LOC1","publish":false}""", OcpiJson.Serialize(read));
    }

    [Fact]
    public void Properties_are_written_in_snake_case()
    {
        var json = OcpiJson.Serialize(new Session { CountryCode = "NL", AuthorizationReference = "A", TotalCost = new Price { ExclVat = 1.5m } });
        Assert.Equal("""{"country_code":"NL","authorization_reference":"A","total_cost":{"excl_vat":1.5}}""", json);
    }

    [Theory]
    [InlineData(DateTimeKind.Utc)]
    [InlineData(DateTimeKind.Unspecified)]
    public void DateTimes_are_written_in_utc_with_z(DateTimeKind kind)
    {
        var json = OcpiJson.Serialize(new Connector { LastUpdated = new DateTime(2019, 6, 24, 12, 39, 9, kind) });
        Assert.Equal("""{"last_updated":"2019-06-24T12:39:09Z"}""", json);
    }

    [Theory]
    [InlineData("2015-06-29T20:39:09", "2015-06-29T20:39:09Z")]
    [InlineData("2016-12-29T17:45:09.2Z", "2016-12-29T17:45:09.2Z")]
    [InlineData("2018-01-01T01:08:01.123", "2018-01-01T01:08:01.123Z")]
    public void DateTimes_without_zone_read_as_utc_and_are_written_with_z(string input, string written)
    {
        var connector = (Connector)Kinds.ReadOk("Connector.patch", $$"""{ "last_updated": "{{input}}" }""");
        Assert.Equal($$"""{"last_updated":"{{written}}"}""", OcpiJson.Serialize(connector));
    }

    [Theory]
    [InlineData("2019-06-24T12:39:09+00:00")]
    [InlineData("2019-06-24T14:39:09+02:00")]
    [InlineData("24-06-2019")]
    public void A_datetime_with_an_offset_is_a_shape_error_at_its_path(string value)
    {
        var json = JsonTree.Set(JsonNode.Parse(Samples.Location)!, "evses[0].connectors[0].last_updated", value).ToJsonString();
        Assert.False(OcpiJson.TryRead<Location>(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Equal(JsonReadErrorKind.Shape, error.Kind);
        Assert.Equal("evses[0].connectors[0].last_updated", error.Path);
    }

    [Fact]
    public void A_number_where_a_string_belongs_is_a_shape_error_not_an_exception()
    {
        var json = JsonTree.Set(JsonNode.Parse(Samples.Session)!, "cdr_token.uid", 12345).ToJsonString();
        Assert.False(OcpiJson.TryRead<Session>(Encoding.UTF8.GetBytes(json), out _, out var error));
        Assert.Equal((JsonReadErrorKind.Shape, "cdr_token.uid"), (error.Kind, error.Path));
    }

    [Fact]
    public void Broken_json_is_a_syntax_error()
    {
        Assert.False(OcpiJson.TryRead<Location>(Encoding.UTF8.GetBytes("""{ "id": "LOC1", }"""), out _, out var error));
        Assert.Equal(JsonReadErrorKind.Syntax, error.Kind);
    }

    [Fact]
    public void Decimal_numbers_keep_their_value()
    {
        var session = (Session)Kinds.ReadOk("Session", Samples.Session);
        Assert.Equal(41.12m, session.Kwh);
        Assert.Equal(9.35m, session.TotalCost!.InclVat);
        Assert.Contains("\"kwh\":41.12", OcpiJson.Serialize(session), StringComparison.Ordinal);
    }
}

/// <summary>CiString: ids, country codes and party ids compare case-insensitively but keep their casing.</summary>
public sealed class CiStringTests
{
    [Theory]
    [InlineData("BE", "be")]
    [InlineData("LOC1", "loc1")]
    [InlineData("Evse-3256", "EVSE-3256")]
    public void Equal_ignores_case(string a, string b)
    {
        Assert.True(CiString.Equal(a, b));
        Assert.Equal(CiString.Key(a), CiString.Key(b));
        Assert.Contains(b, new HashSet<string>(CiString.Comparer) { a });
    }

    [Theory]
    [InlineData("LOC1", "LOC2")]
    [InlineData("BE", null)]
    public void Different_values_differ(string a, string? b) => Assert.False(CiString.Equal(a, b));

    [Theory]
    [InlineData("ABC", 3, true)]
    [InlineData("ABCD", 3, false)]
    [InlineData("A\tB", 3, false)]
    [InlineData("Aé", 3, false)]
    public void IsValid_means_printable_ascii_within_length(string value, int max, bool valid) =>
        Assert.Equal(valid, CiString.IsValid(value, max));

    [Fact]
    public void Casing_is_kept_on_the_wire_and_lower_case_codes_validate()
    {
        var json = JsonTree.Set(JsonNode.Parse(Samples.Token)!, "country_code", "de").ToJsonString();
        Assert.Equal("", Kinds.Problems("Token", json));
        Assert.Contains("\"country_code\":\"de\"", Kinds.Get("Token").Write(Kinds.ReadOk("Token", json)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cistring_field_refuses_non_ascii()
    {
        var json = JsonTree.Set(JsonNode.Parse(Samples.Location)!, "id", "LOC\u00e9").ToJsonString();
        Assert.Contains("id: must be printable ASCII (CiString)", Kinds.Problems("Location", json), StringComparison.Ordinal);
    }
}
