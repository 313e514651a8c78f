using System.Text.Json.Nodes;

namespace Platform.UnitTests.Wire;

/// <summary>Each required field (cardinality 1 or +), removed from a valid sample, is reported by its wire path.</summary>
public sealed class RequiredFieldTests
{
    private static readonly (string Kind, string[] Paths)[] Table =
    [
        ("Location", ["country_code", "party_id", "id", "publish", "address", "city", "country", "coordinates",
            "coordinates.latitude", "coordinates.longitude", "related_locations[0].latitude", "related_locations[0].longitude",
            "related_locations[0].name.text", "time_zone", "last_updated", "directions[0].language", "directions[0].text",
            "operator.name", "operator.logo.url", "operator.logo.category", "operator.logo.type", "images[0].url",
            "opening_times.twentyfourseven", "opening_times.regular_hours[0].weekday", "opening_times.regular_hours[0].period_begin",
            "opening_times.regular_hours[0].period_end", "opening_times.exceptional_openings[0].period_begin",
            "opening_times.exceptional_closings[0].period_end", "energy_mix.is_green_energy",
            "energy_mix.energy_sources[0].source", "energy_mix.energy_sources[0].percentage",
            "energy_mix.environ_impact[0].category", "energy_mix.environ_impact[0].amount",
            "evses[0].uid", "evses[0].status", "evses[0].connectors", "evses[0].last_updated",
            "evses[0].status_schedule[0].period_begin", "evses[0].status_schedule[0].status",
            "evses[0].connectors[0].id", "evses[0].connectors[0].standard", "evses[0].connectors[0].format",
            "evses[0].connectors[0].power_type", "evses[0].connectors[0].max_voltage", "evses[0].connectors[0].max_amperage",
            "evses[0].connectors[0].last_updated"]),
        ("Evse", ["uid", "status", "connectors", "last_updated"]),
        ("Connector", ["id", "standard", "format", "power_type", "max_voltage", "max_amperage", "last_updated"]),
        ("Session", ["country_code", "party_id", "id", "start_date_time", "kwh", "cdr_token", "auth_method", "location_id",
            "evse_uid", "connector_id", "currency", "status", "last_updated", "cdr_token.country_code", "cdr_token.party_id",
            "cdr_token.uid", "cdr_token.type", "cdr_token.contract_id", "charging_periods[0].start_date_time",
            "charging_periods[0].dimensions", "charging_periods[0].dimensions[0].type", "charging_periods[0].dimensions[0].volume",
            "total_cost.excl_vat"]),
        ("Cdr", ["country_code", "party_id", "id", "start_date_time", "end_date_time", "cdr_token", "auth_method", "cdr_location",
            "currency", "charging_periods", "total_cost", "total_energy", "total_time", "last_updated", "cdr_token.country_code",
            "cdr_location.id", "cdr_location.address", "cdr_location.city", "cdr_location.country", "cdr_location.coordinates",
            "cdr_location.evse_uid", "cdr_location.evse_id", "cdr_location.connector_id", "cdr_location.connector_standard",
            "cdr_location.connector_format", "cdr_location.connector_power_type", "signed_data.encoding_method",
            "signed_data.signed_values", "signed_data.signed_values[0].nature", "signed_data.signed_values[0].plain_data",
            "signed_data.signed_values[0].signed_data", "tariffs[0].last_updated", "total_time_cost.excl_vat"]),
        ("Tariff", ["country_code", "party_id", "id", "currency", "elements", "last_updated", "elements[0].price_components",
            "elements[0].price_components[0].type", "elements[0].price_components[0].price",
            "elements[0].price_components[0].step_size", "min_price.excl_vat", "tariff_alt_text[0].text",
            "energy_mix.is_green_energy"]),
        ("Token", ["country_code", "party_id", "uid", "type", "contract_id", "issuer", "valid", "whitelist", "last_updated",
            "energy_contract.supplier_name"]),
        ("ChargingPreferences", ["profile_type"]),
        ("AuthorizationInfo", ["allowed", "token", "token.uid", "location.location_id", "info.text"]),
        ("LocationReferences", ["location_id"]),
        ("CancelReservation", ["response_url", "reservation_id"]),
        ("ReserveNow", ["response_url", "token", "expiry_date", "reservation_id", "location_id", "token.issuer"]),
        ("StartSession", ["response_url", "token", "location_id", "token.contract_id"]),
        ("StopSession", ["response_url", "session_id"]),
        ("UnlockConnector", ["response_url", "location_id", "evse_uid", "connector_id"]),
        ("CommandResponse", ["result", "timeout", "message[0].language"]),
        ("CommandResult", ["result", "message[0].text"]),
        ("SetChargingProfile", ["charging_profile", "response_url", "charging_profile.charging_rate_unit",
            "charging_profile.charging_profile_period[0].start_period", "charging_profile.charging_profile_period[0].limit"]),
        ("ActiveChargingProfile", ["start_date_time", "charging_profile"]),
        ("ChargingProfileResponse", ["result", "timeout"]),
        ("ActiveChargingProfileResult", ["result", "profile.start_date_time", "profile.charging_profile"]),
        ("ChargingProfileResult", ["result"]),
        ("ClearProfileResult", ["result"]),
        ("ClientInfo", ["party_id", "country_code", "role", "status", "last_updated"]),
    ];

    public static TheoryData<string, string> Cases() => Kinds.PathRows(Table);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Removing_a_required_field_is_reported_by_path(string kind, string path)
    {
        var json = JsonTree.Remove(JsonNode.Parse(Samples.ByKind[kind])!, path).ToJsonString();
        Assert.Contains($"{path}: is required", Kinds.Problems(kind, json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Evse", "connectors")]
    [InlineData("Cdr", "charging_periods")]
    [InlineData("Tariff", "elements")]
    [InlineData("Tariff", "elements[0].price_components")]
    [InlineData("Session", "charging_periods[0].dimensions")]
    [InlineData("Cdr", "signed_data.signed_values")]
    public void A_plus_list_must_not_be_empty(string kind, string path)
    {
        var json = JsonTree.Set(JsonNode.Parse(Samples.ByKind[kind])!, path, new JsonArray()).ToJsonString();
        Assert.Contains($"{path}: must hold at least one element", Kinds.Problems(kind, json), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Location", "id")]
    [InlineData("Token", "issuer")]
    [InlineData("Cdr", "cdr_location.evse_id")]
    public void An_empty_string_is_not_a_required_value(string kind, string path)
    {
        var json = JsonTree.Set(JsonNode.Parse(Samples.ByKind[kind])!, path, "").ToJsonString();
        Assert.Contains($"{path}: is required", Kinds.Problems(kind, json), StringComparison.Ordinal);
    }
}
