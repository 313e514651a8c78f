using Platform.Ocpi.Json;

namespace Platform.UnitTests.Json;

public class OcpiDateTimeTests
{
    // The six forms types.asciidoc allows (digest §1.9).
    [Theory]
    [InlineData("2015-06-29T20:39:09Z", 2015, 6, 29, 20, 39, 9, 0)]
    [InlineData("2015-06-29T20:39:09", 2015, 6, 29, 20, 39, 9, 0)]
    [InlineData("2016-12-29T17:45:09.2Z", 2016, 12, 29, 17, 45, 9, 200)]
    [InlineData("2016-12-29T17:45:09.2", 2016, 12, 29, 17, 45, 9, 200)]
    [InlineData("2018-01-01T01:08:01.123Z", 2018, 1, 1, 1, 8, 1, 123)]
    [InlineData("2018-01-01T01:08:01.123", 2018, 1, 1, 1, 8, 1, 123)]
    public void Accepts_the_spec_forms_as_utc(string text, int y, int mo, int d, int h, int mi, int s, int ms)
    {
        Assert.True(OcpiDateTime.TryParse(text, out var value));
        Assert.Equal(new DateTime(y, mo, d, h, mi, s, ms, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Theory]
    [InlineData("2015-06-29T20:39:09+00:00")]
    [InlineData("2015-06-29T20:39:09+01:00")]
    [InlineData("2015-06-29T20:39:09-05:00")]
    [InlineData("2015-06-29 20:39:09Z")]
    [InlineData("2015-06-29")]
    [InlineData("29-06-2015T20:39:09Z")]
    [InlineData("2015-13-29T20:39:09Z")]
    [InlineData("2015-06-29T20:39:09z")]
    [InlineData("")]
    [InlineData(null)]
    public void Refuses_offsets_and_other_shapes(string? text) => Assert.False(OcpiDateTime.TryParse(text, out _));

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("2015-06-29T24:00:00Z")]
    [InlineData("2015-06-29T23:60:00Z")]
    [InlineData("2015-06-29T23:59:60Z")]
    [InlineData("2015-06-29T20:39:09.Z")]
    [InlineData("2015-06-29T20:39:09.12345678Z")]
    [InlineData("2015-06-29T20:39:09ZZ")]
    [InlineData("2015-06-29T20:39:09Z\n")]
    [InlineData("2015-06-2\u0669T20:39:09Z")]
    [InlineData("+015-06-29T20:39:09Z")]
    public void Refuses_instants_that_do_not_exist_and_near_shapes(string text) => Assert.False(OcpiDateTime.TryParse(text, out _));

    [Fact]
    public void Reads_what_the_pattern_and_the_format_string_read_for_any_near_shape()
    {
        // The rule as it was written first: a pattern for the shape, the framework's exact parse for the instant.
        static bool ByPattern(string text, out DateTime value)
        {
            value = default;
            if (!System.Text.RegularExpressions.Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z?$",
                    System.Text.RegularExpressions.RegexOptions.CultureInvariant)) return false;
            var withoutZone = text.EndsWith('Z') ? text[..^1] : text;
            if (!DateTime.TryParseExact(withoutZone, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
                return false;
            value = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            return true;
        }

        var random = new Random(20261205);
        const string pool = "0123456789012345678901234567890123456789-:T.Z z+\u0669\n";
        var accepted = 0;
        for (var i = 0; i < 200_000; i++)
        {
            var instant = new DateTime(random.NextInt64(DateTime.MaxValue.Ticks), DateTimeKind.Utc);
            var text = instant.ToString(random.Next(4) switch
            {
                0 => "yyyy-MM-dd'T'HH:mm:ss",
                1 => "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
                2 => "yyyy-MM-dd'T'HH:mm:ss.fff",
                _ => "yyyy-MM-dd'T'HH:mm:ss.fffffff",
            }, System.Globalization.CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? "Z" : "");
            var chars = text.ToList();
            for (var edits = random.Next(3); edits > 0; edits--)
            {
                var at = random.Next(chars.Count + 1);
                switch (random.Next(3))
                {
                    case 0 when at < chars.Count: chars[at] = pool[random.Next(pool.Length)]; break;
                    case 1 when at < chars.Count: chars.RemoveAt(at); break;
                    default: chars.Insert(at, pool[random.Next(pool.Length)]); break;
                }
            }
            text = new string([.. chars]);
            var expected = ByPattern(text, out var expectedValue);
            Assert.True(expected == OcpiDateTime.TryParse(text, out var value), text);
            if (!expected) continue;
            accepted++;
            Assert.Equal(expectedValue, value);
            Assert.Equal(DateTimeKind.Utc, value.Kind);
        }
        Assert.InRange(accepted, 50_000, 150_000);
    }

    [Fact]
    public void Writes_into_a_span_only_when_the_instant_fits()
    {
        var whole = new DateTime(2015, 6, 29, 20, 39, 9, DateTimeKind.Utc);
        var span = new byte[20];
        Assert.Equal(20, OcpiDateTime.Write(whole, span));
        Assert.Equal("2015-06-29T20:39:09Z", System.Text.Encoding.ASCII.GetString(span));
        Assert.Throws<ArgumentException>(() => OcpiDateTime.Write(whole.AddMilliseconds(123), new byte[23]));
        Assert.Equal(24, OcpiDateTime.Write(whole.AddMilliseconds(123), new byte[24]));
    }

    [Fact]
    public void Writes_what_the_format_string_wrote_for_any_instant()
    {
        static string ByFormatString(DateTime value) =>
            (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.FFF", System.Globalization.CultureInfo.InvariantCulture) + "Z";

        var random = new Random(20261205);
        var instants = new List<DateTime>
        {
            DateTime.MinValue, DateTime.MaxValue, DateTime.UnixEpoch, new(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc),
            new(999, 1, 2, 3, 4, 5, 100, DateTimeKind.Utc), new(2015, 6, 29, 20, 39, 9, 120, DateTimeKind.Unspecified),
            new(2015, 6, 29, 20, 39, 9, 123, DateTimeKind.Local), new DateTime(2015, 6, 29, 20, 39, 9, 7, DateTimeKind.Utc).AddTicks(9_999),
        };
        for (var i = 0; i < 20_000; i++)
            instants.Add(new DateTime(random.NextInt64(DateTime.MaxValue.Ticks), (DateTimeKind)(i % 3)));
        foreach (var instant in instants)
        {
            var text = OcpiDateTime.Format(instant);
            Assert.Equal(ByFormatString(instant), text);
            Assert.True(text.Length <= OcpiDateTime.MaxLength);
        }
    }

    [Fact]
    public void Accepts_the_cdr_chapter_placeholder_and_writes_it_correctly()
    {
        Assert.True(OcpiDateTime.TryParse("1970-1-1T00:00:00Z", out var value));
        Assert.Equal("1970-01-01T00:00:00Z", OcpiDateTime.Format(value));
    }

    [Theory]
    [InlineData("2015-06-29T20:39:09Z", "2015-06-29T20:39:09Z")]
    [InlineData("2015-06-29T20:39:09", "2015-06-29T20:39:09Z")]
    [InlineData("2016-12-29T17:45:09.2", "2016-12-29T17:45:09.2Z")]
    [InlineData("2018-01-01T01:08:01.1234567Z", "2018-01-01T01:08:01.123Z")]
    public void Writes_utc_with_Z_and_at_most_25_characters(string input, string expected)
    {
        var written = OcpiDateTime.Format(OcpiDateTime.Parse(input));
        Assert.Equal(expected, written);
        Assert.True(written.Length <= OcpiDateTime.MaxLength);
    }

    [Fact]
    public void Local_times_are_converted_before_writing()
    {
        var utc = new DateTime(2020, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal("2020-03-01T12:00:00Z", OcpiDateTime.Format(utc.ToLocalTime()));
    }

    [Fact]
    public void Json_reading_an_offset_is_a_shape_error_naming_the_field()
    {
        var ok = OcpiJson.TryRead<Stamp>("""{"at":"2015-06-29T20:39:09+01:00"}"""u8, out _, out var error);
        Assert.False(ok);
        Assert.Equal(JsonReadErrorKind.Shape, error!.Kind);
        Assert.Equal("at", error.Path);
        Assert.Contains("offset", error.Message);
    }

    [Fact]
    public void Json_writes_DateTime_with_Z()
    {
        var json = OcpiJson.Serialize(new Stamp { At = new DateTime(2021, 5, 6, 7, 8, 9, DateTimeKind.Utc) });
        Assert.Equal("""{"at":"2021-05-06T07:08:09Z"}""", json);
    }

    private sealed record Stamp
    {
        public DateTime? At { get; init; }
    }
}
