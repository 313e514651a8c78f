using Platform.Api.Infrastructure.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Platform.UnitTests.Logging;

public class SecretScrubberTests
{
    [Theory]
    [InlineData("Authorization: Token ZXhhbXBsZS10b2tlbg==", "Authorization: Token ***")]
    [InlineData("sent Bearer abc123def456 to peer", "sent Bearer *** to peer")]
    [InlineData("{\"token\":\"secret-value-1\",\"url\":\"x\"}", "{\"token\":\"***\",\"url\":\"x\"}")]
    [InlineData("api_key=abcdef123", "api_key=***")]
    [InlineData("login PASSWORD=hunter22 and ApiKey: k-123456", "login PASSWORD=*** and ApiKey: ***")]
    [InlineData("x Secret=s3cr3t", "x Secret=***")]
    public void Masks_secrets_in_text(string input, string expected) => Assert.Equal(expected, SecretScrubber.ScrubText(input));

    [Theory]
    [InlineData("Unknown or revoked credentials token")]
    [InlineData("the token may only be used for versions")]
    [InlineData("GET /ocpi/versions responded 401")]
    public void Leaves_prose_alone(string input) => Assert.Same(input, SecretScrubber.ScrubText(input));

    [Fact]
    public void Masks_properties_named_like_secrets_and_nested_values()
    {
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("x"),
            [
                new LogEventProperty("Token", new ScalarValue("abc-secret")),
                new LogEventProperty("ConnectionId", new ScalarValue("c-1")),
                new LogEventProperty("Headers", new DictionaryValue([
                    new(new ScalarValue("Authorization"), new ScalarValue("Token c2VjcmV0")),
                    new(new ScalarValue("Accept"), new ScalarValue("application/json")),
                ])),
            ]);
        new SecretScrubber().Enrich(logEvent, null!);
        Assert.Equal("\"***\"", logEvent.Properties["Token"].ToString());
        Assert.Equal("\"c-1\"", logEvent.Properties["ConnectionId"].ToString());
        var rendered = logEvent.Properties["Headers"].ToString();
        Assert.DoesNotContain("c2VjcmV0", rendered);
        Assert.Contains("application/json", rendered);
    }
}
