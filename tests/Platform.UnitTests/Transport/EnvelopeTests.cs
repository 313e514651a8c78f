using System.Text.Json.Nodes;
using Platform.Ocpi.Json;
using Platform.Ocpi.Transport;

namespace Platform.UnitTests.Transport;

public class EnvelopeTests
{
    private static readonly DateTime Now = new(2015, 6, 30, 21, 59, 59, DateTimeKind.Utc);

    [Fact]
    public void Error_envelope_matches_the_spec_example()
    {
        var json = OcpiJson.Serialize(OcpiResponse.Error(2001, "Missing required field: type", Now));
        Assert.Equal("""{"status_code":2001,"status_message":"Missing required field: type","timestamp":"2015-06-30T21:59:59Z"}""", json);
    }

    [Fact]
    public void Success_envelope_wraps_data_first()
    {
        var node = JsonNode.Parse(OcpiJson.Serialize(OcpiResponse.Success(new[] { "a" }, Now)))!.AsObject();
        Assert.Equal(["data", "status_code", "status_message", "timestamp"], node.Select(p => p.Key));
        Assert.Equal(1000, (int)node["status_code"]!);
    }

    [Fact]
    public void Envelope_without_data_omits_the_property() =>
        Assert.DoesNotContain("\"data\"", OcpiJson.Serialize(OcpiResponse.Success(Now)));

    [Theory]
    [InlineData(1000, true)]
    [InlineData(1999, true)]
    [InlineData(2001, false)]
    [InlineData(3001, false)]
    public void Only_1xxx_is_success(int code, bool success) => Assert.Equal(success, OcpiStatus.IsSuccess(code));

    [Theory]
    [InlineData(2004, "Unknown Token")]
    [InlineData(3003, "No matching endpoints or expected endpoints missing between parties")]
    [InlineData(4001, "Unknown receiver (TO address is unknown)")]
    public void Status_catalogue_describes_codes(int code, string text) => Assert.Equal(text, OcpiStatus.Describe(code));
}
