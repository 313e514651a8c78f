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
    [InlineData("/ocpi/2.2.1/receiver/tokens/NL/TNM/Token\u00A0abc123", "/ocpi/2.2.1/receiver/tokens/NL/TNM/Token ***")]
    [InlineData("sent Bearer\u2003abc123def456 to peer", "sent Bearer *** to peer")]
    [InlineData("/ocpi/2.2.1/sender/tokens/token:abc123/authorize", "/ocpi/2.2.1/sender/tokens/token:***")]
    public void Masks_secrets_in_text(string input, string expected) => Assert.Equal(expected, SecretScrubber.ScrubText(input));

    [Fact]
    public void Masks_a_scheme_followed_by_any_character_the_pattern_takes_for_whitespace()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(c.ToString(), @"^\s$")) continue;
            Assert.Equal("/x/Token ***", SecretScrubber.ScrubText($"/x/Token{c}abcdef123"));
        }
    }

    [Theory]
    [InlineData("Unknown or revoked credentials token")]
    [InlineData("the token may only be used for versions")]
    [InlineData("GET /ocpi/versions responded 401")]
    [InlineData("/ocpi/2.2.1/sender/tokens/012345678/authorize")]
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

    [Fact]
    public void A_name_is_judged_the_same_every_time_it_is_seen()
    {
        // The scrubber keeps what it decided about a name; the second event must be masked as the first was.
        for (var round = 0; round < 3; round++)
        {
            var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("x"),
                [new LogEventProperty("PeerApiKey", new ScalarValue("k-" + round)), new LogEventProperty("TokenUid", new ScalarValue("u-" + round)),
                 new LogEventProperty("TokenId", new ScalarValue("i-" + round))]);
            new SecretScrubber().Enrich(logEvent, null!);
            Assert.Equal("\"***\"", logEvent.Properties["PeerApiKey"].ToString());
            Assert.Equal("\"***\"", logEvent.Properties["TokenUid"].ToString());
            Assert.Equal($"\"i-{round}\"", logEvent.Properties["TokenId"].ToString());
        }
    }
}
