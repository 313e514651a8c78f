using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Modules.LocationBodies;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// NL*CPO's Sender interface, called by DE*MSP over their connection; the locations are published through NL*CPO's
/// back office. Ids start with "S-", and each test keeps its locations' last_updated inside its own year, so that
/// lists filtered by that window see only that test's locations.
/// </summary>
public sealed partial class LocationConformanceTests
{
    private static string Window(int year) => $"?date_from={year}-01-01T00:00:00Z&date_to={year + 1}-01-01T00:00:00Z";

    /// <summary>The URL of <c>Link: &lt;url&gt;; rel="next"</c>, or null when the answer has none.</summary>
    private static string? NextLink(OcpiAnswer answer)
    {
        var link = Header(answer, "Link");
        if (link is null) return null;
        Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
        Assert.StartsWith("<", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }

    private static List<string> Ids(OcpiAnswer answer) => answer.Data!.AsArray().Select(l => (string)l!["id"]!).ToList();

    /// <summary>Every page of a list, following Link from <paramref name="first"/>; asserts each page's headers.</summary>
    private async Task<(List<string> Ids, int Pages)> AllPagesAsync(string first, int expectedTotal)
    {
        var ids = new List<string>();
        var pages = 0;
        for (var url = first; url is not null; pages++)
        {
            var answer = await f.SenderAtAsync(url);
            AssertOk(answer);
            Assert.Equal(expectedTotal.ToString(System.Globalization.CultureInfo.InvariantCulture), Header(answer, "X-Total-Count"));
            ids.AddRange(Ids(answer));
            url = NextLink(answer);
            Assert.True(pages < 200, "Link never ends");
        }
        return (ids, pages);
    }

    [Fact]
    public async Task Sender_caps_limit_at_100_and_links_the_next_page_with_the_cap_and_every_filter()
    {
        for (var i = 0; i < 101; i++)
            await f.PublishAsync(LocationWithEvse($"S-T14-{i:D3}", $"2031-03-01T00:{i / 60:D2}:{i % 60:D2}Z"));

        var first = await f.SenderAsync(Window(2031) + "&limit=1000");

        AssertOk(first);
        Assert.Equal("100", Header(first, "X-Limit"));
        Assert.Equal("101", Header(first, "X-Total-Count"));
        Assert.Equal(100, first.Data!.AsArray().Count);
        var next = NextLink(first);
        Assert.NotNull(next);
        Assert.StartsWith(f.SenderUrl + "?", next, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(next).Query);
        Assert.Equal("100", query["limit"].ToString());
        Assert.Equal("100", query["offset"].ToString());
        Assert.Equal("2031-01-01T00:00:00Z", query["date_from"].ToString());
        Assert.Equal("2032-01-01T00:00:00Z", query["date_to"].ToString());

        var last = await f.SenderAtAsync(next);
        AssertOk(last);
        Assert.Equal(["S-T14-100"], Ids(last));
        Assert.Equal("101", Header(last, "X-Total-Count"));
        Assert.Equal("100", Header(last, "X-Limit"));
        Assert.Null(Header(last, "Link"));
    }

    [Fact]
    public async Task Sender_pages_chain_by_Link_in_a_stable_order_and_the_last_page_has_no_Link()
    {
        // Equal last_updated everywhere: the order must not depend on it alone.
        foreach (var id in new[] { "S-T16-C", "S-T16-A", "S-T16-E", "S-T16-B", "S-T16-D" })
            await f.PublishAsync(LocationWithEvse(id, "2032-05-05T05:05:05Z"));

        var whole = await f.SenderAsync(Window(2032));
        AssertOk(whole);
        Assert.Equal("5", Header(whole, "X-Total-Count"));
        Assert.Equal("100", Header(whole, "X-Limit"));
        Assert.Null(Header(whole, "Link"));
        var order = Ids(whole);
        Assert.Equal(5, order.Distinct().Count());
        Assert.Equal(order, Ids(await f.SenderAsync(Window(2032))));

        var (paged, pages) = await AllPagesAsync(f.SenderUrl + Window(2032) + "&limit=2", expectedTotal: 5);
        Assert.Equal(3, pages);
        Assert.Equal(order, paged);

        var beyond = await f.SenderAsync(Window(2032) + "&offset=5&limit=2");
        AssertOk(beyond);
        Assert.Empty(beyond.Data!.AsArray());
        Assert.Null(Header(beyond, "Link"));
    }

    [Fact]
    public async Task Sender_Link_walk_neither_skips_nor_repeats_unchanged_locations_while_others_are_added_and_changed()
    {
        static string At(int minute) => $"2041-02-01T00:{minute:D2}:00Z";
        var originals = Enumerable.Range(0, 12).Select(i => $"S-KS-{i:D2}").ToList();
        for (var i = 0; i < originals.Count; i++)
            await f.PublishAsync(LocationWithEvse(originals[i], At(10 + i)));

        var seen = new List<string>();
        var changed = new HashSet<string>();
        async Task MoveToEndAsync(string id)
        {
            changed.Add(id);
            await f.PublishAsync(LocationWithEvse(id, At(50 + changed.Count)));
        }

        var url = f.SenderUrl + Window(2041) + "&limit=3";
        for (var pages = 0; url is not null; pages++)
        {
            var answer = await f.SenderAtAsync(url);
            AssertOk(answer);
            seen.AddRange(Ids(answer));
            url = NextLink(answer);
            Assert.True(pages < 20, "Link never ends");
            switch (pages)
            {
                case 0: // older than any seen: OFFSET would repeat the last row of this page
                    await f.PublishAsync(LocationWithEvse("S-KS-NEW", At(0)));
                    break;
                case 1: // two seen ones move to the end: OFFSET would skip two rows
                    foreach (var moved in seen.Take(2))
                        await MoveToEndAsync(moved);
                    break;
                case 2: // one not yet seen moves to the end: it is changed, so it may come once or twice, never not at all
                    await MoveToEndAsync(originals[^1]);
                    break;
            }
        }

        Assert.Equal(3, changed.Count);
        Assert.Contains(originals[^1], seen);
        foreach (var id in originals.Except(changed))
            Assert.Single(seen, id);
    }

    [Fact]
    public async Task Sender_date_from_is_inclusive_and_date_to_exclusive_on_last_updated()
    {
        await f.PublishAsync(LocationWithEvse("S-T15-BEFORE", "2033-03-09T23:59:59.999Z"));
        await f.PublishAsync(LocationWithEvse("S-T15-FROM", "2033-03-10T00:00:00Z"));
        await f.PublishAsync(LocationWithEvse("S-T15-INSIDE", "2033-03-10T12:00:00Z"));
        await f.PublishAsync(LocationWithEvse("S-T15-LAST", "2033-03-10T23:59:59.999Z"));
        await f.PublishAsync(LocationWithEvse("S-T15-TO", "2033-03-11T00:00:00Z"));

        var answer = await f.SenderAsync("?date_from=2033-03-10T00:00:00Z&date_to=2033-03-11T00:00:00Z");

        AssertOk(answer);
        Assert.Equal(["S-T15-FROM", "S-T15-INSIDE", "S-T15-LAST"], Ids(answer).Order(StringComparer.Ordinal));
        Assert.Equal("3", Header(answer, "X-Total-Count"));
        // No designator means UTC too (types §DateTime).
        Assert.Equal(["S-T15-BEFORE"], Ids(await f.SenderAsync("?date_from=2033-01-01T00:00:00&date_to=2033-03-10T00:00:00")));
        Assert.Equal(["S-T15-TO"], Ids(await f.SenderAsync("?date_from=2033-03-11T00:00:00Z&date_to=2034-01-01T00:00:00Z")));
    }

    [Theory]
    [InlineData("date_from", "2030-01-01T00:00:00+01:00")]
    [InlineData("date_from", "2030-01-01T00:00:00+00:00")]
    [InlineData("date_to", "2030-01-01T00:00:00+00:00")]
    [InlineData("date_to", "2030-01-01T00:00:00-05:00")]
    [InlineData("date_from", "01/01/2030")]
    public async Task Sender_list_refuses_a_DateTime_query_that_is_not_UTC_with_2001(string parameter, string value)
    {
        var answer = await f.SenderAsync($"?{parameter}={Uri.EscapeDataString(value)}");
        AssertInvalid(answer, parameter);
    }

    [Fact]
    public async Task Sender_date_filtered_list_sees_a_change_of_a_connector_or_EVSE()
    {
        await f.PublishAsync(Location("S-L2", "2034-01-01T00:00:00Z",
            Evse("S-L2-E1", "2034-01-01T00:00:00Z"), Evse("S-L2-E2", "2034-01-01T00:00:00Z")));
        Assert.Empty(Ids(await f.SenderAsync("?date_from=2034-06-01T00:00:00Z&date_to=2035-01-01T00:00:00Z")));

        await f.PublishAsync(HttpMethod.Patch, "S-L2/S-L2-E1/1", new JsonObject { ["max_amperage"] = 32, ["last_updated"] = "2034-07-01T00:00:00Z" });

        var changed = await f.SenderAsync("?date_from=2034-06-01T00:00:00Z&date_to=2035-01-01T00:00:00Z");
        AssertOk(changed);
        var location = Assert.Single(changed.Data!.AsArray())!;
        Assert.Equal("S-L2", (string?)location["id"]);
        Assert.Equal("2034-07-01T00:00:00Z", (string?)location["last_updated"]);
        Assert.Equal("2034-07-01T00:00:00Z", (string?)location["evses"]![0]!["last_updated"]);
        Assert.Equal(32, (int?)location["evses"]![0]!["connectors"]![0]!["max_amperage"]);
        Assert.Empty(Ids(await f.SenderAsync("?date_from=2034-01-01T00:00:00Z&date_to=2034-06-01T00:00:00Z")));

        await f.PublishAsync(HttpMethod.Put, "S-L2/S-L2-E2", Evse("S-L2-E2", "2034-08-01T00:00:00Z", "OUTOFORDER"));

        var evseChanged = await f.SenderAsync("?date_from=2034-07-15T00:00:00Z&date_to=2035-01-01T00:00:00Z");
        location = Assert.Single(evseChanged.Data!.AsArray())!;
        Assert.Equal("2034-08-01T00:00:00Z", (string?)location["last_updated"]);
        Assert.Equal("OUTOFORDER", (string?)location["evses"]![1]!["status"]);
        Assert.Equal("2034-08-01T00:00:00Z", (string?)(await f.SenderAsync("/S-L2")).Data!["last_updated"]);
    }

    [Fact]
    public async Task Sender_does_not_list_a_location_whose_EVSEs_are_all_REMOVED_but_lists_one_without_EVSEs()
    {
        const string at = "2035-02-02T00:00:00Z";
        await f.PublishAsync(Location("S-L3-REMOVED", at, Evse("S-L3-REMOVED-E1", at, "REMOVED"), Evse("S-L3-REMOVED-E2", at, "REMOVED")));
        await f.PublishAsync(Location("S-L3-NO-EVSES", at));
        await f.PublishAsync(Location("S-L3-ONE-LEFT", at, Evse("S-L3-ONE-LEFT-E1", at, "REMOVED"), Evse("S-L3-ONE-LEFT-E2", at, "AVAILABLE")));
        await f.PublishAsync(Location("S-L3-LATER", at, Evse("S-L3-LATER-E1", at)));
        Assert.Contains("S-L3-LATER", Ids(await f.SenderAsync(Window(2035))));

        // EVSEs are removed by status, never deleted (L3).
        await f.PublishAsync(HttpMethod.Patch, "S-L3-LATER/S-L3-LATER-E1", new JsonObject { ["status"] = "REMOVED", ["last_updated"] = "2035-03-03T00:00:00Z" });

        var answer = await f.SenderAsync(Window(2035));
        AssertOk(answer);
        Assert.Equal(["S-L3-NO-EVSES", "S-L3-ONE-LEFT"], Ids(answer).Order(StringComparer.Ordinal));
        Assert.Equal("2", Header(answer, "X-Total-Count"));
    }

    [Fact]
    public async Task Sender_does_not_show_an_unpublished_location_in_the_list_or_by_id()
    {
        const string at = "2036-04-04T00:00:00Z";
        await f.PublishAsync(LocationWithEvse("S-L4-HIDDEN", at).With(("publish", false)));
        await f.PublishAsync(LocationWithEvse("S-L4-ALLOWED-TO", at).With(("publish", false),
            ("publish_allowed_to", new JsonArray(new JsonObject { ["visual_number"] = "12345-67", ["issuer"] = "NewMotion" }))));
        await f.PublishAsync(LocationWithEvse("S-L4-SHOWN", at));
        await f.PublishAsync(LocationWithEvse("S-L4-WITHDRAWN", at));
        await f.PublishAsync(HttpMethod.Patch, "S-L4-WITHDRAWN", new JsonObject { ["publish"] = false, ["last_updated"] = "2036-05-05T00:00:00Z" });

        var answer = await f.SenderAsync(Window(2036));
        AssertOk(answer);
        Assert.Equal(["S-L4-SHOWN"], Ids(answer));
        Assert.Equal("1", Header(answer, "X-Total-Count"));
        foreach (var id in new[] { "S-L4-HIDDEN", "S-L4-ALLOWED-TO", "S-L4-WITHDRAWN" })
        {
            AssertNotFound(await f.SenderAsync($"/{id}"));
            AssertNotFound(await f.SenderAsync($"/{id}/{id}-E1"));
            AssertNotFound(await f.SenderAsync($"/{id}/{id}-E1/1"));
        }
    }

    [Fact]
    public async Task Sender_GET_of_one_location_EVSE_or_connector()
    {
        const string at = "2037-01-01T00:00:00Z";
        var published = Location("S-GET", at, Evse("S-GET-E1", at), Evse("S-GET-E2", at, "CHARGING", Connector("1", at), Connector("2", at, 32)));
        await f.PublishAsync(published);

        var location = await f.SenderAsync("/S-GET");
        AssertOk(location);
        Assert.True(JsonNode.DeepEquals(published, location.Data), location.Body);
        Assert.Equal("NL", (string?)location.Data!["country_code"]);
        Assert.Equal("CPO", (string?)location.Data["party_id"]);

        var evse = await f.SenderAsync("/S-GET/S-GET-E2");
        AssertOk(evse);
        Assert.True(JsonNode.DeepEquals(published["evses"]![1], evse.Data), evse.Body);

        using var lowerCase = new OcpiClient(f.EmspToken);
        var connector = await lowerCase.SendAsync(HttpMethod.Get, f.SenderUrl + "/s-get/s-get-e2/2", from: "de*msp", to: "nl*cpo", ct: Ct);
        AssertOk(connector);
        Assert.Equal(("NL", "CPO"), (Header(connector, "OCPI-from-country-code"), Header(connector, "OCPI-from-party-id")));
        Assert.True(JsonNode.DeepEquals(published["evses"]![1]!["connectors"]![1], connector.Data), connector.Body);

        AssertNotFound(await f.SenderAsync("/S-GET-NONE"));
        AssertNotFound(await f.SenderAsync("/S-GET/S-GET-E9"));
        AssertNotFound(await f.SenderAsync("/S-GET/S-GET-E1/2"));
    }

    [Fact]
    public async Task Sender_never_shows_the_locations_of_another_CPO_hosted_on_the_same_platform()
    {
        const string at = "2038-01-01T00:00:00Z";
        await f.PublishAsync(LocationWithEvse("S-CP2-ONLY", at, "NL*CP2"), party: "NL/CP2");
        await f.PublishAsync(LocationWithEvse("S-BOTH", at, "NL*CP2").With(("name", "of CP2")), party: "NL/CP2");
        await f.PublishAsync(LocationWithEvse("S-BOTH", at).With(("name", "of CPO")));

        var window = await f.SenderAsync(Window(2038));
        AssertOk(window);
        var only = Assert.Single(window.Data!.AsArray())!;
        Assert.Equal(("S-BOTH", "of CPO", "CPO"), ((string?)only["id"], (string?)only["name"], (string?)only["party_id"]));
        AssertNotFound(await f.SenderAsync("/S-CP2-ONLY"));
        AssertNotFound(await f.SenderAsync("/S-CP2-ONLY/S-CP2-ONLY-E1"));
        Assert.Equal("of CPO", (string?)(await f.SenderAsync("/S-BOTH")).Data!["name"]);

        // A leak need not fall into the dated window: read every page of the unfiltered list too.
        var total = int.Parse(Header(await f.SenderAsync(), "X-Total-Count")!, System.Globalization.CultureInfo.InvariantCulture);
        var (all, _) = await AllPagesAsync(f.SenderUrl, total);
        Assert.DoesNotContain("S-CP2-ONLY", all);
        Assert.Single(all, id => id == "S-BOTH");

        // The connection that carries NL*CP2 does see them: the refusal above is routing, not missing data.
        using var other = new OcpiClient(f.OtherAtCpoToken);
        var theirs = await other.SendAsync(HttpMethod.Get, f.SenderUrl + Window(2038), from: "FR*OTH", to: "NL*CP2", ct: Ct);
        AssertOk(theirs);
        Assert.Equal(["S-BOTH", "S-CP2-ONLY"], Ids(theirs).Order(StringComparer.Ordinal));
        Assert.All(theirs.Data!.AsArray(), l => Assert.Equal("CP2", (string?)l!["party_id"]));
    }
}
