using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Validation;

namespace Platform.UnitTests.Wire;

/// <summary>PATCH deltas: only present fields are checked, and last_updated is always required.</summary>
public sealed class PatchTests
{
    public static TheoryData<string> PatchKinds => new("Location", "Evse", "Connector", "Session", "Token");

    [Theory]
    [MemberData(nameof(PatchKinds))]
    public void Last_updated_alone_is_a_valid_patch_but_not_a_valid_put(string kind)
    {
        const string json = """{ "last_updated": "2019-06-24T12:39:09Z" }""";
        Assert.Equal("", Kinds.Problems(kind + ".patch", json));
        Assert.Contains(": is required", Kinds.Problems(kind, json), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PatchKinds))]
    public void A_patch_without_last_updated_is_refused(string kind) =>
        Assert.Equal("last_updated: is required", Kinds.Problems(kind + ".patch", """{ "name": "x", "valid": false, "kwh": 1 }"""));

    [Theory]
    [InlineData("Location", """{ "country": "Belgium" }""", "country: must be at most 3 characters")]
    [InlineData("Location", """{ "coordinates": { "latitude": "51.047599" } }""", "coordinates.longitude: is required")]
    [InlineData("Location", """{ "id": "" }""", "id: must not be empty")]
    [InlineData("Evse", """{ "connectors": [] }""", "connectors: must hold at least one element")]
    [InlineData("Evse", """{ "connectors": [{ "id": "1" }] }""", "connectors[0].standard: is required")]
    [InlineData("Evse", """{ "status": "REMOVED", "evse_id": "é" }""", "evse_id: must be printable ASCII")]
    [InlineData("Connector", """{ "max_voltage": 0 }""", "max_voltage: must be > 0")]
    [InlineData("Session", """{ "charging_periods": [{ "start_date_time": "2019-06-23T08:16:02Z" }] }""", "charging_periods[0].dimensions: is required")]
    [InlineData("Session", """{ "cdr_token": { "uid": "1" } }""", "cdr_token.country_code: is required")]
    [InlineData("Token", """{ "uid": "1234567890123456789012345678901234567" }""", "uid: must be at most 36 characters")]
    [InlineData("Token", """{ "issuer": "" }""", "issuer: must not be empty")]
    public void Present_fields_of_a_patch_are_checked(string kind, string fields, string expected)
    {
        var json = fields.TrimEnd().TrimEnd('}').TrimEnd() + """, "last_updated": "2019-06-24T12:39:09Z" }""";
        Assert.Contains(expected, Kinds.Problems(kind + ".patch", json), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_five_patchable_objects_have_a_patch_validator()
    {
        // 2.2.x has no Tariff PATCH (mod_tariffs) and CDRs are immutable (mod_cdrs).
        Assert.True(WireValidators.CanPatch<Location>());
        Assert.False(WireValidators.CanPatch<Tariff>());
        Assert.Throws<ArgumentException>(() => WireValidators.Patch<Cdr>());
        Assert.IsType<Platform.Ocpi.Validation.Locations.LocationPatchValidator>(WireValidators.Patch<Location>());
        Assert.IsType<Platform.Ocpi.Validation.Locations.LocationPutValidator>(WireValidators.Put<Location>());
    }
}
