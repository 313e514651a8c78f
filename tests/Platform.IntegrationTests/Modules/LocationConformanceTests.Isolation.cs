using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Modules.LocationBodies;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// Every locations route against every caller that must not get through: no token, token A, a registered
/// connection that does not carry the addressed party, and a right connection naming a party outside it in
/// OCPI-to or OCPI-from. Writes are checked to have changed nothing.
/// </summary>
public sealed partial class LocationConformanceTests
{
    private const string IsolationAt = "2020-01-01T00:00:00Z";

    public static TheoryData<string, string> IsolationCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (route, r) in IsolationRoutes)
        {
            foreach (var caller in new[] { "no token", "token A", "other connection", "OCPI-to outside", "OCPI-from not carried" })
                data.Add(route, caller);
            // Without routing headers the other connection reaches its own DE*MS2; the URL still names NL*CPO's data.
            if (!r.Sender) data.Add(route, "other connection, no routing headers");
        }
        return data;
    }

    /// <param name="Body">What a refused caller sends: it would change the object.</param>
    /// <param name="Same">What the right connection sends in the control: the object as it is, so nothing changes.</param>
    private sealed record IsolationRoute(bool Sender, HttpMethod Method, string Path, Func<JsonObject>? Body = null, Func<JsonObject>? Same = null);

    private const string Later = "2020-02-02T00:00:00Z";

    private static readonly Dictionary<string, IsolationRoute> IsolationRoutes = new()
    {
        ["sender GET list"] = new(true, HttpMethod.Get, ""),
        ["sender GET location"] = new(true, HttpMethod.Get, "/ISO-S"),
        ["sender GET EVSE"] = new(true, HttpMethod.Get, "/ISO-S/ISO-S-E1"),
        ["sender GET connector"] = new(true, HttpMethod.Get, "/ISO-S/ISO-S-E1/1"),
        ["receiver GET location"] = new(false, HttpMethod.Get, "ISO-R"),
        ["receiver GET EVSE"] = new(false, HttpMethod.Get, "ISO-R/ISO-R-E1"),
        ["receiver GET connector"] = new(false, HttpMethod.Get, "ISO-R/ISO-R-E1/1"),
        ["receiver PUT location"] = new(false, HttpMethod.Put, "ISO-R",
            () => LocationWithEvse("ISO-R", Later).With(("name", "Hijacked")), () => LocationWithEvse("ISO-R", IsolationAt)),
        ["receiver PUT new location"] = new(false, HttpMethod.Put, "ISO-R-NEW", () => LocationWithEvse("ISO-R-NEW", Later)),
        ["receiver PUT EVSE"] = new(false, HttpMethod.Put, "ISO-R/ISO-R-E1",
            () => Evse("ISO-R-E1", Later, "OUTOFORDER"), () => Evse("ISO-R-E1", IsolationAt)),
        ["receiver PUT connector"] = new(false, HttpMethod.Put, "ISO-R/ISO-R-E1/1",
            () => Connector("1", Later, maxAmperage: 99), () => Connector("1", IsolationAt)),
        ["receiver PATCH location"] = new(false, HttpMethod.Patch, "ISO-R",
            () => new JsonObject { ["name"] = "Hijacked", ["last_updated"] = Later },
            () => new JsonObject { ["name"] = "Location ISO-R", ["last_updated"] = IsolationAt }),
        ["receiver PATCH EVSE"] = new(false, HttpMethod.Patch, "ISO-R/ISO-R-E1",
            () => new JsonObject { ["status"] = "OUTOFORDER", ["last_updated"] = Later },
            () => new JsonObject { ["status"] = "AVAILABLE", ["last_updated"] = IsolationAt }),
        ["receiver PATCH connector"] = new(false, HttpMethod.Patch, "ISO-R/ISO-R-E1/1",
            () => new JsonObject { ["max_amperage"] = 99, ["last_updated"] = Later },
            () => new JsonObject { ["max_amperage"] = 16, ["last_updated"] = IsolationAt }),
    };

    /// <summary>The objects the routes address, made once: publishing the same location again is a no-op replace.</summary>
    private async Task EnsureIsolationObjectsAsync()
    {
        await f.PublishAsync(LocationWithEvse("ISO-S", IsolationAt));
        var put = await f.ReceiverAsync(HttpMethod.Put, "ISO-R", LocationWithEvse("ISO-R", IsolationAt));
        Assert.True(put.StatusCode == 1000, put.ToString());
    }

    /// <summary>What DE*MSP holds of NL*CPO's ISO-R and ISO-R-NEW, read over the right connection.</summary>
    private async Task<string> ReceivedIsolationStateAsync() =>
        Json(await ReceivedAsync("ISO-R")) + " | " + (await f.ReceiverAsync(HttpMethod.Get, "ISO-R-NEW")).Status;

    [Theory]
    [MemberData(nameof(IsolationCases))]
    public async Task Isolation_every_locations_route_refuses_callers_that_may_not_reach_the_party(string route, string caller)
    {
        await EnsureIsolationObjectsAsync();
        var r = IsolationRoutes[route];
        var before = await ReceivedIsolationStateAsync();

        // The right connection for the route, then one thing about the call made wrong.
        var (token, from, to) = r.Sender ? (f.EmspToken, "DE*MSP", "NL*CPO") : (f.CpoToken, "NL*CPO", "DE*MSP");
        var expected = HttpStatusCode.NotFound;
        string because;
        switch (caller)
        {
            case "no token":
                token = null;
                (expected, because) = (HttpStatusCode.Unauthorized, "Authorization");
                break;
            case "token A":
                token = r.Sender ? f.CpoTokenA : f.EmspTokenA;
                (expected, because) = (HttpStatusCode.Unauthorized, "versions and credentials");
                break;
            case "other connection":
                // Registered and valid at this platform, but for NL*CP2 / DE*MS2 only.
                token = r.Sender ? f.OtherAtCpoToken : f.OtherAtEmspToken;
                from = "FR*OTH";
                because = $"name {to}, which is not a party of this connection";
                break;
            case "other connection, no routing headers":
                (token, from, to) = (f.OtherAtEmspToken, null, null);
                because = "NL*CPO in the URL is not a CPO of your connection";
                break;
            case "OCPI-to outside":
                // Hosted on the same platform, but not a party of this connection.
                to = r.Sender ? "NL*CP2" : "DE*MS2";
                because = $"name {to}, which is not a party of this connection";
                break;
            case "OCPI-from not carried":
                from = r.Sender ? "FR*OTH" : "NL*CP2";
                because = $"name {from}, which this connection does not carry";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, null);
        }
        var url = r.Sender ? f.SenderUrl + r.Path : f.ReceiverUrl(r.Path);

        using var client = new OcpiClient(token);
        var answer = await client.SendAsync(r.Method, url, r.Body?.Invoke(), from, to, Ct);

        AssertRefused(answer, expected);
        // Refused for this reason, not for another one (such as a route that does not exist).
        Assert.Contains(because, answer.StatusMessage, StringComparison.Ordinal);
        Assert.Null(answer.Data);
        Assert.Equal(before, await ReceivedIsolationStateAsync());
    }

    [Fact]
    public async Task Isolation_the_right_connection_reaches_every_route()
    {
        // The control for the matrix above: a 404 there must come from routing, not from a route that does not exist.
        await EnsureIsolationObjectsAsync();
        var before = await ReceivedIsolationStateAsync();
        foreach (var (name, r) in IsolationRoutes.Where(r => r.Value.Method == HttpMethod.Get || r.Value.Same is not null))
        {
            var answer = r.Sender ? await f.SenderAsync(r.Path) : await f.ReceiverAsync(r.Method, r.Path, r.Same?.Invoke());
            Assert.True(answer.StatusCode == 1000 && answer.Status is HttpStatusCode.OK, $"{name}: {answer}");
        }
        Assert.Equal(before, await ReceivedIsolationStateAsync());
    }
}
