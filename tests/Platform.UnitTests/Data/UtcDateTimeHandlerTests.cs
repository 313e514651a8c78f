using System.Globalization;
using Platform.Api.Infrastructure.Data;

namespace Platform.UnitTests.Data;

/// <summary>Stored DateTimes: one fixed-width UTC text form written, that form and any other read back as UTC.</summary>
public class UtcDateTimeHandlerTests
{
    [Fact]
    public void Writes_and_reads_the_fixed_form_as_the_format_string_does_for_any_instant()
    {
        var random = new Random(20261205);
        var instants = new List<DateTime> { DateTime.MinValue, DateTime.MaxValue, DateTime.UnixEpoch, new(2024, 2, 29, 23, 59, 59, 999, DateTimeKind.Utc) };
        for (var i = 0; i < 20_000; i++) instants.Add(new DateTime(random.NextInt64(DateTime.MaxValue.Ticks), DateTimeKind.Utc));
        var handler = new UtcDateTimeHandler();
        foreach (var instant in instants)
        {
            var text = UtcDateTimeHandler.ToSqlite(instant);
            Assert.Equal(instant.ToString(UtcDateTimeHandler.SqliteFormat, CultureInfo.InvariantCulture), text);
            var read = handler.Parse(text);
            Assert.Equal(instant, read);
            Assert.Equal(DateTimeKind.Utc, read.Kind);
        }
    }

    [Theory]
    [InlineData("2026-12-05 21:25:08", "2026-12-05T21:25:08.0000000Z")]
    [InlineData("2026-12-05 21:25:08.123", "2026-12-05T21:25:08.1230000Z")]
    [InlineData("2026-12-05T21:25:08.1234567Z", "2026-12-05T21:25:08.1234567Z")]
    [InlineData("2026-12-05 21:25:08.1234567+01:00", "2026-12-05T20:25:08.1234567Z")]
    [InlineData("2026-12-05", "2026-12-05T00:00:00.0000000Z")]
    public void Reads_other_forms_as_utc(string stored, string expected)
    {
        var read = new UtcDateTimeHandler().Parse(stored);
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(expected, read.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2026-02-29 00:00:00.0000000")]
    [InlineData("2026-12-05 24:00:00.0000000")]
    [InlineData("2026-12-05 21:25:08.12345a7")]
    [InlineData("0000-12-05 21:25:08.1234567")]
    public void The_fixed_form_reader_refuses_what_does_not_exist(string stored) =>
        Assert.False(UtcDateTimeHandler.TryReadSqlite(stored, out _));
}
