using System.Text.Json.Nodes;

namespace Platform.UnitTests.Wire;

/// <summary>string(n) / CiString(n): n characters pass, n + 1 fail with a message naming the field.</summary>
public sealed class LengthTests
{
    private static readonly (string Kind, string Path, int Max)[] Table =
    [
        ("Location", "id", 36), ("Location", "name", 255), ("Location", "address", 255), ("Location", "city", 45),
        ("Location", "postal_code", 10), ("Location", "state", 45), ("Location", "country", 3), ("Location", "time_zone", 255),
        ("Location", "directions[0].text", 512), ("Location", "directions[0].language", 2), ("Location", "operator.name", 100),
        ("Location", "operator.logo.type", 4), ("Location", "energy_mix.supplier_name", 64),
        ("Location", "energy_mix.energy_product_name", 64), ("Location", "publish_allowed_to[0].uid", 36),
        ("Location", "publish_allowed_to[1].visual_number", 64), ("Location", "publish_allowed_to[1].issuer", 64),
        ("Location", "publish_allowed_to[2].group_id", 36), ("Location", "evses[0].uid", 36), ("Location", "evses[0].evse_id", 48),
        ("Location", "evses[0].floor_level", 4), ("Location", "evses[0].physical_reference", 16),
        ("Location", "evses[0].connectors[0].id", 36), ("Location", "evses[0].connectors[0].tariff_ids[0]", 36),
        ("Evse", "uid", 36), ("Connector", "id", 36), ("Connector", "tariff_ids[1]", 36),
        ("Session", "id", 36), ("Session", "authorization_reference", 36), ("Session", "location_id", 36),
        ("Session", "evse_uid", 36), ("Session", "connector_id", 36), ("Session", "meter_id", 255), ("Session", "currency", 3),
        ("Session", "cdr_token.uid", 36), ("Session", "cdr_token.contract_id", 36), ("Session", "charging_periods[0].tariff_id", 36),
        ("Cdr", "id", 36), ("Cdr", "session_id", 36), ("Cdr", "authorization_reference", 36), ("Cdr", "meter_id", 255),
        ("Cdr", "remark", 255), ("Cdr", "invoice_reference_id", 39), ("Cdr", "cdr_location.id", 36),
        ("Cdr", "cdr_location.name", 255), ("Cdr", "cdr_location.address", 255), ("Cdr", "cdr_location.city", 45),
        ("Cdr", "cdr_location.postal_code", 10), ("Cdr", "cdr_location.state", 45), ("Cdr", "cdr_location.evse_uid", 36),
        ("Cdr", "cdr_location.evse_id", 48), ("Cdr", "cdr_location.connector_id", 36),
        ("Cdr", "signed_data.encoding_method", 36), ("Cdr", "signed_data.public_key", 512), ("Cdr", "signed_data.url", 512),
        ("Cdr", "signed_data.signed_values[0].nature", 32), ("Cdr", "signed_data.signed_values[0].plain_data", 5000),
        ("Cdr", "signed_data.signed_values[0].signed_data", 5000),
        ("Tariff", "id", 36), ("Tariff", "tariff_alt_text[0].text", 512),
        ("Token", "uid", 36), ("Token", "contract_id", 36), ("Token", "visual_number", 64), ("Token", "issuer", 64),
        ("Token", "group_id", 36), ("Token", "energy_contract.supplier_name", 64), ("Token", "energy_contract.contract_id", 64),
        ("AuthorizationInfo", "authorization_reference", 36), ("LocationReferences", "location_id", 36),
        ("LocationReferences", "evse_uids[0]", 36), ("CancelReservation", "reservation_id", 36),
        ("ReserveNow", "reservation_id", 36), ("ReserveNow", "location_id", 36), ("ReserveNow", "evse_uid", 36),
        ("ReserveNow", "authorization_reference", 36), ("StartSession", "location_id", 36), ("StartSession", "evse_uid", 36),
        ("StartSession", "connector_id", 36), ("StartSession", "authorization_reference", 36), ("StopSession", "session_id", 36),
        ("UnlockConnector", "location_id", 36), ("UnlockConnector", "evse_uid", 36), ("UnlockConnector", "connector_id", 36),
        ("CommandResult", "message[0].text", 512),
    ];

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (kind, path, max) in Table) data.Add(kind, path, max);
        return data;
    }

    private static string With(string kind, string path, string value) =>
        JsonTree.Set(JsonNode.Parse(Samples.ByKind[kind])!, path, value).ToJsonString();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Max_length_passes_and_one_more_fails(string kind, string path, int max)
    {
        // Capital letters fit every pattern these fields have (country, currency, language, CiString).
        Assert.Equal("", Kinds.Problems(kind, With(kind, path, new string('A', max))));
        Assert.Contains($"{path}: must be at most {max} characters", Kinds.Problems(kind, With(kind, path, new string('A', max + 1))),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CancelReservation", "response_url")]
    [InlineData("SetChargingProfile", "response_url")]
    [InlineData("Connector", "terms_and_conditions")]
    [InlineData("Tariff", "tariff_alt_url")]
    [InlineData("Location", "operator.website")]
    public void Urls_are_at_most_255_characters(string kind, string path)
    {
        static string Url(int length) => "https://example.com/" + new string('a', length - "https://example.com/".Length);
        Assert.Equal("", Kinds.Problems(kind, With(kind, path, Url(255))));
        Assert.Contains($"{path}: must be at most 255 characters", Kinds.Problems(kind, With(kind, path, Url(256))), StringComparison.Ordinal);
        Assert.Contains($"{path}: must be an absolute URL", Kinds.Problems(kind, With(kind, path, "/relative/path")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_credit_cdr_id_may_have_39_characters()
    {
        var node = JsonNode.Parse(Samples.Cdr)!;
        JsonTree.Set(node, "id", new string('A', 39));
        Assert.Contains("id: must be at most 36 characters", Kinds.Problems("Cdr", node.ToJsonString()), StringComparison.Ordinal);
        JsonTree.Set(node, "credit", true);
        JsonTree.Set(node, "credit_reference_id", new string('A', 36));
        Assert.Equal("", Kinds.Problems("Cdr", node.ToJsonString()));
        JsonTree.Set(node, "id", new string('A', 40));
        Assert.Contains("id: must be at most 39 characters", Kinds.Problems("Cdr", node.ToJsonString()), StringComparison.Ordinal);
    }
}
