using Platform.Api.Infrastructure.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace Platform.UnitTests.Logging;

public class LogTextTests
{
    [Theory]
    [InlineData("/ocpi/versions\n[17:00:00 ERR] FORGED", "/ocpi/versions\\n[17:00:00 ERR] FORGED")]
    [InlineData("a\r\nb\tc", "a\\r\\nb\\tc")]
    [InlineData("nul\0byte", "nul\\u0000byte")]
    [InlineData("sep\u2028arator", "sep\\u2028arator")]
    public void Escapes_control_characters(string input, string expected) => Assert.Equal(expected, LogText.Escape(input));

    [Fact]
    public void Escapes_exactly_the_control_characters_and_the_two_separators()
    {
        for (var c = char.MinValue; ; c++)
        {
            var text = "a" + c + "b";
            var escaped = char.IsControl(c) || c is '\u2028' or '\u2029';
            Assert.True(escaped != ReferenceEquals(text, LogText.Escape(text)), $"U+{(int)c:X4}");
            if (c == char.MaxValue) break;
        }
    }

    [Fact]
    public void Leaves_ordinary_text_as_it_is() => Assert.Same("GET /ocpi/versions ünïcode", LogText.Escape("GET /ocpi/versions ünïcode"));

    [Fact]
    public void Every_text_property_of_a_log_event_is_escaped_before_a_sink_sees_it()
    {
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("HTTP {RequestPath}"),
            [
                new LogEventProperty("RequestPath", new ScalarValue("/ocpi/versions\n[00:00:00 ERR] FORGED")),
                new LogEventProperty("Nested", new SequenceValue([new ScalarValue("x\ny")])),
            ]);
        new SecretScrubber().Enrich(logEvent, null!);
        var rendered = logEvent.RenderMessage();
        Assert.DoesNotContain('\n', rendered);
        Assert.DoesNotContain('\n', logEvent.Properties["Nested"].ToString());
    }
}
