using System.Text.Json.Nodes;

namespace Platform.UnitTests.Wire;

/// <summary>
/// Every example file of release-2.2.1-bugfixes: it reads into the right type, validates with the right validator
/// (PUT or PATCH) and writes back to the same JSON. Shapes per digest §6.2: envelopes for transport_and_format_*,
/// wrappers for the energy-mix and regular-hours files, PATCH deltas, bare Hours.
/// </summary>
public sealed class ExampleFileTests
{
    /// <summary>File → kind. The two files the spec itself gets wrong are in <see cref="WrongExampleTests"/>.</summary>
    internal static readonly IReadOnlyDictionary<string, string> KindOf = new Dictionary<string, string>
    {
        ["cdr_example.json"] = "Cdr",
        ["credentials_example.json"] = "Credentials",
        ["credentials_example2.json"] = "Credentials",
        ["credentials_example3.json"] = "Credentials",
        ["credentials_example4.json"] = "Credentials",
        ["location_energymix_example_complete.json"] = "{energy_mix}",
        ["location_energymix_example_energy_provider.json"] = "{energy_mix}",
        ["location_energymix_example_simple.json"] = "{energy_mix}",
        ["location_example.json"] = "Location",
        ["location_example_parking_garage_opening_hours.json"] = "Location",
        ["location_example_uc2_destination_charger.json"] = "Location",
        ["location_example_uc3_destination_charger_not_published.json"] = "Location",
        ["location_example_uc4_limited_visibility.json"] = "Location",
        ["location_example_uc5_home_charge_point.json"] = "Location",
        ["location_hours_247_open_exception_closing.json"] = "Hours",
        ["location_hours_opening_hours_with_exceptional_closing.json"] = "Hours",
        ["location_hours_opening_hours_with_exceptional_opening.json"] = "Hours",
        ["location_patch_example_location.json"] = "Location.patch",
        ["location_patch_example_remove_evse.json"] = "Evse.patch",
        ["location_patch_example_status.json"] = "Evse.patch",
        ["location_patch_example_tariff.json"] = "Connector.patch",
        ["location_regularhours_example.json"] = "{opening_times}",
        ["session_example_1_simple_start.json"] = "Session",
        ["session_example_2_short_finished.json"] = "Session",
        ["session_patch_example_charging_period.json"] = "Session.patch",
        ["session_patch_example_total_cost.json"] = "Session.patch",
        ["tariff_10_025kwh_parking_start.json"] = "Tariff",
        ["tariff_11_not_possible_alt_text.json"] = "Tariff",
        ["tariff_12_025kwh_min_price.json"] = "Tariff",
        ["tariff_13_simple_3hour_5parking.json"] = "Tariff",
        ["tariff_14_step_size.json"] = "Tariff",
        ["tariff_15_reservation_5_euro_per_hour.json"] = "Tariff",
        ["tariff_16_reservation_2_euro_fee_5_euro_per_hour.json"] = "Tariff",
        ["tariff_17_reservation_with_expire_fee.json"] = "Tariff",
        ["tariff_18_reservation_with_expire_time.json"] = "Tariff",
        ["tariff_1_simple_2hour.json"] = "Tariff",
        ["tariff_2_alt_text.json"] = "Tariff",
        ["tariff_3_alt_url.json"] = "Tariff",
        ["tariff_4_complex.json"] = "Tariff",
        ["tariff_5_free_of_charge.json"] = "Tariff",
        ["tariff_6_025kwh_start_max_price.json"] = "Tariff",
        ["tariff_8_simple_025kwh.json"] = "Tariff",
        ["tariff_9_025kwh_start.json"] = "Tariff",
        ["tariffrestriction_example_max_duration.json"] = "Tariff",
        ["tariffrestriction_example_max_power.json"] = "Tariff",
        ["token_example_1_app_user.json"] = "Token",
        ["token_example_2_full_rfid.json"] = "Token",
        ["token_patch_example.json"] = "Token.patch",
        ["token_put_example.json"] = "Token",
        ["transport_and_format_get_token_example.json"] = "Envelope<Token>",
        ["transport_and_format_get_token_list_example.json"] = "Envelope<Token[]>",
        ["transport_and_format_version_details_example.json"] = "Envelope<VersionDetails>",
        ["transport_and_format_version_info_example.json"] = "Envelope<VersionInfo[]>",
        ["type_displaytext_example.json"] = "DisplayText",
        ["version_details_example.json"] = "VersionDetails",
        ["version_details_example2.json"] = "VersionDetails",
        ["versions_info_example.json"] = "VersionInfo[]",
    };

    internal static readonly IReadOnlySet<string> KnownWrong =
        new HashSet<string> { "location_put_example_add_evse.json", "tariff_put_example.json" };

    public static TheoryData<string> Files => new(KindOf.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_copied_example_file_is_covered()
    {
        var unmapped = Examples.Files(Examples.BugfixesFolder).Where(f => !KindOf.ContainsKey(f) && !KnownWrong.Contains(f)).ToList();
        Assert.Empty(unmapped);
        Assert.Equal(59, KindOf.Count + KnownWrong.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_reads_validates_and_round_trips(string file)
    {
        var kind = KindOf[file];
        var json = Examples.Text(file);
        var value = Kinds.ReadOk(kind, json);
        if (Kinds.Get(kind).Validate is not null)
            Assert.Equal("", Kinds.Problems(kind, json));
        var written = Kinds.Get(kind).Write(value);
        Assert.Empty(JsonTree.Differences(JsonNode.Parse(json), JsonNode.Parse(written)));
    }
}
