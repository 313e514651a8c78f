using System.Text.Json.Nodes;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Locations;

namespace Platform.UnitTests.Wire;

/// <summary>An enum value OCPI 2.2.1 does not define is a shape error (status 2001) naming the path, never an exception.</summary>
public sealed class EnumTests
{
    private static readonly (string Kind, string[] Paths)[] Table =
    [
        ("Location", ["parking_type", "facilities[0]", "publish_allowed_to[0].type", "images[0].category", "operator.logo.category",
            "energy_mix.energy_sources[0].source", "energy_mix.environ_impact[0].category", "evses[0].status",
            "evses[0].capabilities[0]", "evses[0].parking_restrictions[0]", "evses[0].status_schedule[0].status",
            "evses[0].connectors[0].standard", "evses[0].connectors[0].format", "evses[0].connectors[0].power_type"]),
        ("Session", ["auth_method", "status", "cdr_token.type", "charging_periods[0].dimensions[0].type"]),
        ("Cdr", ["auth_method", "cdr_location.connector_standard", "cdr_location.connector_format",
            "cdr_location.connector_power_type", "tariffs[0].elements[0].price_components[0].type"]),
        ("Tariff", ["type", "elements[0].price_components[0].type", "elements[0].restrictions.day_of_week[0]",
            "elements[1].restrictions.reservation"]),
        ("Token", ["type", "whitelist", "default_profile_type"]),
        ("ChargingPreferences", ["profile_type"]),
        ("AuthorizationInfo", ["allowed"]),
        ("CommandResponse", ["result"]),
        ("CommandResult", ["result"]),
        ("SetChargingProfile", ["charging_profile.charging_rate_unit"]),
        ("ChargingProfileResponse", ["result"]),
        ("ActiveChargingProfileResult", ["result"]),
        ("ChargingProfileResult", ["result"]),
        ("ClearProfileResult", ["result"]),
        ("ClientInfo", ["role", "status"]),
    ];

    public static TheoryData<string, string> Cases() => Kinds.PathRows(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unknown_enum_value_is_a_shape_error_at_its_path(string kind, string path)
    {
        var json = JsonTree.Set(JsonNode.Parse(Samples.ByKind[kind])!, path, "NOT_IN_OCPI_2_2_1").ToJsonString();
        var (_, error) = Kinds.Get(kind).Read(json);
        Assert.NotNull(error);
        Assert.Equal(JsonReadErrorKind.Shape, error.Kind);
        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData(ConnectorType.IEC_60309_2_single_16, "\"IEC_60309_2_single_16\"")]
    [InlineData(ConnectorType.DOMESTIC_F, "\"DOMESTIC_F\"")]
    [InlineData(ConnectorType.NEMA_14_50, "\"NEMA_14_50\"")]
    public void Enum_members_are_written_as_the_exact_spec_strings(ConnectorType value, string json) =>
        Assert.Equal(json, OcpiJson.Serialize(value));

    [Fact]
    public void An_integer_is_not_an_enum_value()
    {
        var json = JsonTree.Set(JsonNode.Parse(Samples.Evse)!, "status", 0).ToJsonString();
        var (_, error) = Kinds.Get("Evse").Read(json);
        Assert.Equal("status", error?.Path);
    }

    [Fact]
    public void Enum_strings_are_read_ignoring_case_but_written_exactly()
    {
        // types §Enums says values are case-sensitive, but OcpiJson's JsonStringEnumConverter matches case-insensitively
        // on read. That is lenient input only: what we send is always the exact spec string. Pinned so a change is seen.
        var json = JsonTree.Set(JsonNode.Parse(Samples.Evse)!, "status", "available").ToJsonString();
        var evse = (Evse)Kinds.ReadOk("Evse", json);
        Assert.Equal(Status.AVAILABLE, evse.Status);
        Assert.Contains("\"status\":\"AVAILABLE\"", OcpiJson.Serialize(evse), StringComparison.Ordinal);
    }
}
