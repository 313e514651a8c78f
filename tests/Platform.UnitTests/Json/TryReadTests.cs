using System.Text;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Tokens;

namespace Platform.UnitTests.Json;

/// <summary>
/// How a body is read: a good one in one pass, a bad one told apart as broken JSON (HTTP 400) or as JSON of the wrong
/// shape (OCPI 2001), each with the message a peer reads.
/// </summary>
public class TryReadTests
{
    private static (bool Read, LocationReferences? Value, JsonReadError? Error) Read(string body)
    {
        var read = OcpiJson.TryRead<LocationReferences>(Encoding.UTF8.GetBytes(body), out var value, out var error);
        return (read, value, error);
    }

    [Theory]
    [InlineData("""{"location_id":"LOC1","evse_uids":["E1","E2"]}""")]
    [InlineData(" {\"location_id\":\"LOC1\"} \r\n")]
    [InlineData("""{"location_id":"LOC1","a_custom_field":{"x":[1,2]}}""")]
    public void A_good_body_is_read(string body)
    {
        var (read, value, error) = Read(body);
        Assert.True(read);
        Assert.Null(error);
        Assert.Equal("LOC1", value!.LocationId);
    }

    [Theory]
    [InlineData("", "$", "not valid JSON (The input does not contain any JSON tokens")]
    [InlineData("   ", "$", "not valid JSON (The input does not contain any JSON tokens")]
    [InlineData("""{"location_id":"LOC1"} {}""", "$", "unexpected data after the JSON value")]
    [InlineData("""{"location_id":"LOC1",""", "$", "not valid JSON")]
    [InlineData("""{"location_id":"LOC1",}""", "$", "not valid JSON")]
    [InlineData("""{"location_id":"LOC1" /* note */}""", "$", "not valid JSON")]
    public void Broken_json_is_a_syntax_error(string body, string path, string message)
    {
        var (read, _, error) = Read(body);
        Assert.False(read);
        Assert.Equal(JsonReadErrorKind.Syntax, error!.Kind);
        Assert.StartsWith(path, error.Path);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("""{"location_id":42}""", "location_id", "has a value of the wrong type")]
    [InlineData("""{"location_id":"LOC1","evse_uids":"E1"}""", "evse_uids", "has a value of the wrong type")]
    [InlineData("null", "$", "the body must be a JSON object, not null")]
    [InlineData("[]", "$", "has a value of the wrong type")]
    public void Json_of_the_wrong_shape_is_a_shape_error(string body, string path, string message)
    {
        var (read, _, error) = Read(body);
        Assert.False(read);
        Assert.Equal(JsonReadErrorKind.Shape, error!.Kind);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }
}
