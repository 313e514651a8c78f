using Platform.Ocpi.Transport;

namespace Platform.UnitTests.Transport;

public class PagingTests
{
    private static PageRequest Parse(params (string Key, string Value)[] query)
    {
        Assert.True(PageRequest.TryParse(k => query.FirstOrDefault(q => q.Key == k).Value, 100, out var page, out var error), error);
        return page;
    }

    [Fact]
    public void Defaults_to_offset_0_and_the_server_cap()
    {
        var page = Parse();
        Assert.Equal(new PageRequest(null, null, 0, 100), page);
    }

    [Fact]
    public void Caps_limit_at_the_server_maximum() => Assert.Equal(100, Parse(("limit", "2000")).Limit);

    [Theory]
    [InlineData("offset", "-1")]
    [InlineData("offset", "abc")]
    [InlineData("limit", "1.5")]
    [InlineData("date_from", "2015-06-29T20:39:09+01:00")]
    [InlineData("date_to", "yesterday")]
    public void Bad_parameters_are_errors_naming_the_parameter(string key, string value)
    {
        Assert.False(PageRequest.TryParse(k => k == key ? value : null, 100, out _, out var error));
        Assert.StartsWith(key + ":", error);
    }

    private static readonly PageCursor Cursor = new(new DateTime(2019, 1, 15, 10, 30, 0, DateTimeKind.Utc).AddTicks(1234567), 4711);

    [Fact]
    public void Headers_carry_total_cap_and_a_next_link_with_every_filter_and_the_cursor()
    {
        var page = Parse(("date_from", "2019-01-01T00:00:00Z"), ("date_to", "2019-02-01T00:00:00Z"), ("offset", "0"), ("limit", "2000"));
        var headers = PageHeaders.For("https://x/ocpi/2.2.1/locations", page, returned: 100, total: 250, maxLimit: 100, Cursor).ToDictionary();
        Assert.Equal("250", headers["X-Total-Count"]);
        Assert.Equal("100", headers["X-Limit"]);
        Assert.Equal("<https://x/ocpi/2.2.1/locations?date_from=2019-01-01T00%3A00%3A00Z&date_to=2019-02-01T00%3A00%3A00Z&offset=100&limit=100"
            + $"&after={Cursor.Format()}>; rel=\"next\"", headers["Link"]);
    }

    [Fact]
    public void The_last_page_has_no_link_whatever_the_total_says()
    {
        var page = Parse(("offset", "200"));
        var headers = PageHeaders.For("https://x/l", page, returned: 50, total: 250, maxLimit: 100, next: null).ToDictionary();
        Assert.False(headers.ContainsKey("Link"));
        Assert.Equal("250", headers["X-Total-Count"]);
    }

    [Fact]
    public void An_empty_page_has_no_link() =>
        Assert.DoesNotContain(PageHeaders.For("https://x/l", Parse(("limit", "0")), returned: 0, total: 5, maxLimit: 100, Cursor), h => h.Key == "Link");

    [Fact]
    public void The_cursor_of_a_link_comes_back_exact_to_the_tick_when_the_link_is_followed()
    {
        var link = PageHeaders.NextUrl("https://x/l", Parse(("limit", "10")), nextOffset: 10, Cursor);
        var query = new Uri(link).Query.TrimStart('?').Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var followed = Parse(query.Select(q => (q.Key, q.Value)).ToArray());
        Assert.Equal(Cursor, followed.After);
        Assert.Equal(DateTimeKind.Utc, followed.After!.LastUpdated.Kind);
        Assert.Equal((10, 10), (followed.Offset, followed.Limit));
    }

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L, 1L)]
    [InlineData(638_400_000_000_000_001L, long.MaxValue)]
    public void A_cursor_round_trips_through_its_text(long ticks, long id)
    {
        var cursor = new PageCursor(new DateTime(ticks, DateTimeKind.Utc), id);
        Assert.True(PageCursor.TryParse(cursor.Format(), out var parsed));
        Assert.Equal(cursor, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("_5")]
    [InlineData("5_")]
    [InlineData("-5_5")]
    [InlineData("5_-5")]
    [InlineData("5_5_5")]
    [InlineData("2019-01-01T00:00:00Z_5")]
    [InlineData("99999999999999999999_5")]
    [InlineData("3155378976000000000_5")]
    public void A_cursor_that_this_server_did_not_write_is_an_error_naming_after(string text)
    {
        Assert.False(PageRequest.TryParse(k => k == "after" ? text : null, 100, out _, out var error));
        Assert.StartsWith("after:", error);
    }
}
