using System.Text.Json.Nodes;

namespace Platform.UnitTests.Wire;

/// <summary>Rules that tie fields together, and the pattern rules (coordinates, local times and dates).</summary>
public sealed class CrossFieldTests
{
    /// <summary>Edits: "path=json" sets, "-path" removes; separated by " | ". An empty expectation means valid.</summary>
    [Theory]
    [InlineData("Location", "-opening_times.regular_hours", "opening_times.regular_hours: is required when twentyfourseven is false")]
    [InlineData("Location", "opening_times.regular_hours=[]", "opening_times.regular_hours: is required when twentyfourseven is false")]
    [InlineData("Location", "-opening_times.regular_hours | opening_times.twentyfourseven=true", "")]
    [InlineData("Location", "opening_times.regular_hours[0].period_end=\"08:00\"", "opening_times.regular_hours[0].period_end: must be later than period_begin")]
    [InlineData("Location", "opening_times.regular_hours[0].period_end=\"07:59\"", "opening_times.regular_hours[0].period_end: must be later than period_begin")]
    [InlineData("Location", "opening_times.regular_hours[0].period_end=\"24:00\"", "opening_times.regular_hours[0].period_end: must be a time HH:MM")]
    [InlineData("Location", "opening_times.regular_hours[0].period_begin=\"8:00\"", "opening_times.regular_hours[0].period_begin: must be a time HH:MM")]
    [InlineData("Location", "opening_times.regular_hours[0].period_end=\"23:59\"", "")]
    [InlineData("Location", "opening_times.regular_hours[0].weekday=8", "opening_times.regular_hours[0].weekday: must be 1 (Monday) to 7 (Sunday)")]
    [InlineData("Location", "opening_times.regular_hours[0].weekday=0", "opening_times.regular_hours[0].weekday: must be 1 (Monday) to 7 (Sunday)")]
    [InlineData("Location", "opening_times.exceptional_closings[0].period_end=\"2014-06-23T00:00:00Z\"", "opening_times.exceptional_closings[0].period_end: must be after period_begin")]
    [InlineData("Location", "-publish_allowed_to[0].type", "publish_allowed_to[0].type: is required when uid is set")]
    [InlineData("Location", "-publish_allowed_to[1].issuer", "publish_allowed_to[1].issuer: is required when visual_number is set")]
    [InlineData("Location", "publish_allowed_to[2]={}", "publish_allowed_to[2].uid: one of uid, visual_number or group_id is required")]
    [InlineData("Location", "publish_allowed_to[2]={\"type\":\"RFID\",\"issuer\":\"X\"}", "publish_allowed_to[2].uid: one of uid, visual_number or group_id is required")]
    [InlineData("Location", "publish=true", "publish_allowed_to: may only be used when publish is false")]
    [InlineData("Location", "publish=true | -publish_allowed_to", "")]
    [InlineData("Location", "coordinates.latitude=\"51.0475\"", "coordinates.latitude: must be a latitude")]
    [InlineData("Location", "coordinates.latitude=\"91.000000\"", "coordinates.latitude: must be a latitude")]
    [InlineData("Location", "coordinates.latitude=\"51,047599\"", "coordinates.latitude: must be a latitude")]
    [InlineData("Location", "coordinates.latitude=\"-90.0000000\"", "")]
    [InlineData("Location", "coordinates.longitude=\"181.000000\"", "coordinates.longitude: must be a longitude")]
    [InlineData("Location", "coordinates.longitude=\"-179.12345\"", "")]
    [InlineData("Location", "related_locations[0].longitude=\"3.7\"", "related_locations[0].longitude: must be a longitude")]
    [InlineData("Location", "country=\"BE\"", "country: must be an ISO 3166-1 alpha-3 country code")]
    [InlineData("Location", "country_code=\"BEL\"", "country_code: must be an ISO 3166-1 alpha-2 country code")]
    [InlineData("Location", "party_id=\"BE\"", "party_id: must be a party id of 3 letters or digits")]
    [InlineData("Location", "energy_mix.energy_sources[0].percentage=100.5", "energy_mix.energy_sources[0].percentage: must be between 0 and 100")]
    [InlineData("Location", "evses[0].status_schedule[0].period_end=\"2015-06-29T20:39:09Z\"", "evses[0].status_schedule[0].period_end: must be after period_begin")]
    [InlineData("Location", "evses[0].connectors[0].tariff_ids=[\"\"]", "evses[0].connectors[0].tariff_ids[0]: must not be empty")]
    [InlineData("Location", "evses[0].connectors=[null]", "evses[0].connectors: must not contain null elements")]
    [InlineData("Connector", "max_voltage=0", "max_voltage: must be > 0")]
    [InlineData("Connector", "max_amperage=-16", "max_amperage: must be > 0")]
    [InlineData("Connector", "max_electric_power=0", "max_electric_power: must be > 0")]
    [InlineData("Session", "currency=\"eur\"", "currency: must be an ISO 4217 currency code")]
    [InlineData("Session", "evse_uid=\"#NA\" | connector_id=\"#NA\"", "")]
    [InlineData("Cdr", "credit=true", "credit_reference_id: is required when credit is true")]
    [InlineData("Cdr", "credit=true | credit_reference_id=\"12344\" | total_cost={\"excl_vat\":-4.00,\"incl_vat\":-4.40}", "")]
    [InlineData("Cdr", "charging_periods=[]", "charging_periods: must hold at least one element")]
    [InlineData("Cdr", "cdr_location.evse_uid=\"#NA\" | cdr_location.evse_id=\"#NA\" | cdr_location.connector_id=\"#NA\"", "")]
    [InlineData("StartSession", "-evse_uid", "evse_uid: is required when connector_id is set")]
    [InlineData("StartSession", "-evse_uid | -connector_id", "")]
    [InlineData("Tariff", "elements[1].price_components[0].type=\"ENERGY\"", "elements[1].price_components[0]: must be of type FLAT or TIME when restrictions.reservation is set")]
    [InlineData("Tariff", "elements[1].price_components[0].type=\"PARKING_TIME\"", "elements[1].price_components[0]: must be of type FLAT or TIME")]
    [InlineData("Tariff", "elements[1].price_components[0].type=\"TIME\"", "")]
    [InlineData("Tariff", "elements[0].price_components[0].type=\"ENERGY\"", "")]
    [InlineData("Tariff", "elements[0].restrictions.start_time=\"25:00\"", "elements[0].restrictions.start_time: must be a time HH:MM")]
    [InlineData("Tariff", "elements[0].restrictions.end_time=\"00:00\"", "")]
    [InlineData("Tariff", "elements[0].restrictions.start_date=\"2015-13-01\"", "elements[0].restrictions.start_date: must be a date YYYY-MM-DD")]
    [InlineData("Tariff", "elements[0].restrictions.end_date=\"27-12-2015\"", "elements[0].restrictions.end_date: must be a date YYYY-MM-DD")]
    [InlineData("Tariff", "elements[0].restrictions.min_duration=-1", "elements[0].restrictions.min_duration: must be >= 0")]
    [InlineData("Tariff", "elements[0].price_components[0].vat=-1", "elements[0].price_components[0].vat: must be >= 0")]
    [InlineData("Tariff", "end_date_time=\"2014-01-01T00:00:00Z\"", "end_date_time: must be after start_date_time")]
    [InlineData("Token", "language=\"eng\"", "language: must be an ISO 639-1 language code")]
    [InlineData("SetChargingProfile", "charging_profile.charging_profile_period[0].limit=11000.25", "charging_profile.charging_profile_period[0].limit: must have at most one decimal")]
    [InlineData("SetChargingProfile", "charging_profile.min_charging_rate=-1", "charging_profile.min_charging_rate: must be >= 0")]
    [InlineData("ActiveChargingProfileResult", "-profile", "profile: is required when result is ACCEPTED")]
    [InlineData("ActiveChargingProfileResult", "-profile | result=\"REJECTED\"", "")]
    [InlineData("CommandResponse", "timeout=-1", "timeout: must be >= 0")]
    [InlineData("CommandResponse", "message[0].language=\"english\"", "message[0].language: must be at most 2 characters")]
    [InlineData("ChargingPreferences", "energy_need=-5", "energy_need: must be >= 0")]
    public void Rule(string kind, string edits, string expected)
    {
        var node = JsonNode.Parse(Samples.ByKind[kind])!;
        foreach (var edit in edits.Split(" | "))
        {
            if (edit.StartsWith('-')) JsonTree.Remove(node, edit[1..]);
            else
            {
                var eq = edit.IndexOf('=', StringComparison.Ordinal);
                JsonTree.Set(node, edit[..eq], JsonNode.Parse(edit[(eq + 1)..]));
            }
        }
        var problems = Kinds.Problems(kind, node.ToJsonString());
        if (expected.Length == 0) Assert.Equal("", problems);
        else Assert.Contains(expected, problems, StringComparison.Ordinal);
    }
}
