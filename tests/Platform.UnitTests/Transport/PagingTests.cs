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

    [Fact]
    public void Headers_carry_total_cap_and_a_next_link_with_every_filter()
    {
        var page = Parse(("date_from", "2019-01-01T00:00:00Z"), ("date_to", "2019-02-01T00:00:00Z"), ("offset", "0"), ("limit", "2000"));
        var headers = PageHeaders.For("https://x/ocpi/2.2.1/locations", page, returned: 100, total: 250, maxLimit: 100).ToDictionary();
        Assert.Equal("250", headers["X-Total-Count"]);
        Assert.Equal("100", headers["X-Limit"]);
        Assert.Equal("<https://x/ocpi/2.2.1/locations?date_from=2019-01-01T00%3A00%3A00Z&date_to=2019-02-01T00%3A00%3A00Z&offset=100&limit=100>; rel=\"next\"",
            headers["Link"]);
    }

    [Fact]
    public void The_last_page_has_no_link()
    {
        var page = Parse(("offset", "200"));
        var headers = PageHeaders.For("https://x/l", page, returned: 50, total: 250, maxLimit: 100).ToDictionary();
        Assert.False(headers.ContainsKey("Link"));
        Assert.Equal("250", headers["X-Total-Count"]);
    }
}
