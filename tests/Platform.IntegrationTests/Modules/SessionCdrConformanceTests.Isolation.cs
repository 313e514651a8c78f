using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// Every sessions and CDRs route against every caller that must not get through: no token, token A, a registered
/// connection that does not carry the addressed party, and the right connection naming a party outside it in
/// OCPI-to or OCPI-from. Writes are checked to have changed nothing.
/// </summary>
public sealed partial class SessionCdrConformanceTests
{
    /// <param name="Body">What a refused caller sends: it would change something.</param>
    /// <param name="Same">What the right connection sends in the control: what is held already, so nothing changes.</param>
    private sealed record IsolationRoute(bool Sender, HttpMethod Method, string Path, Func<JsonObject>? Body = null, Func<JsonObject>? Same = null);

    private static readonly Dictionary<string, IsolationRoute> IsolationRoutes = new()
    {
        ["sender GET sessions"] = new(true, HttpMethod.Get, "/sessions?date_from=2020-01-01T00:00:00Z"),
        ["sender PUT charging_preferences"] = new(true, HttpMethod.Put, "/sessions/ISO-S/charging_preferences",
            () => Preferences("GREEN"), () => Preferences("REGULAR")),
        ["receiver GET session"] = new(false, HttpMethod.Get, "/sessions/NL/CPO/ISO-R"),
        ["receiver PUT session"] = new(false, HttpMethod.Put, "/sessions/NL/CPO/ISO-R",
            () => Session("ISO-R", T1).With(("status", "INVALID")), () => Session("ISO-R")),
        ["receiver PUT new session"] = new(false, HttpMethod.Put, "/sessions/NL/CPO/ISO-R-NEW", () => Session("ISO-R-NEW")),
        ["receiver PATCH session"] = new(false, HttpMethod.Patch, "/sessions/NL/CPO/ISO-R",
            () => new JsonObject { ["status"] = "INVALID", ["charging_periods"] = new JsonArray(Period(T1, 9)), ["last_updated"] = T1 },
            () => new JsonObject { ["status"] = "ACTIVE", ["last_updated"] = T0 }),
        ["receiver POST CDR"] = new(false, HttpMethod.Post, "/cdrs", () => Cdr("ISO-CDR-NEW"), () => Cdr("ISO-CDR")),
        ["receiver GET CDR"] = new(false, HttpMethod.Get, "/cdrs/NL/CPO/ISO-CDR"),
    };

    public static TheoryData<string, string> IsolationCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (route, r) in IsolationRoutes)
        {
            foreach (var caller in new[] { "no token", "token A", "other connection", "OCPI-to outside", "OCPI-from not carried" })
                data.Add(route, caller);
            // Without routing headers the other connection reaches its own DE*MS2 (or NL*CP2), which must still not
            // lead to NL*CPO's data. Its own list is not such a case: it answers NL*CP2's sessions.
            if (route != "sender GET sessions") data.Add(route, "other connection, no routing headers");
        }
        return data;
    }

    private string IsolationUrl(IsolationRoute r) => (r.Sender ? f.Cpo.Url + "/ocpi/2.2.1/sender" : f.Emsp.Url + "/ocpi/2.2.1/receiver") + r.Path;

    /// <summary>The objects the routes address, made once: the same writes again change nothing.</summary>
    private async Task EnsureIsolationObjectsAsync()
    {
        await PublishPreferencesLocationAsync();
        await f.FeedSessionAsync(AtEvse(Session("ISO-S"), "CP-LOC", "CP-LOC-E1"));
        var preferences = await f.AsEmspAsync(HttpMethod.Put, f.ChargingPreferencesUrl("ISO-S"), Preferences("REGULAR"));
        Assert.True(preferences.StatusCode == 1000, preferences.ToString());
        var session = await f.AsCpoAsync(HttpMethod.Put, f.SessionReceiverUrl("ISO-R"), Session("ISO-R"));
        Assert.True(session.StatusCode == 1000, session.ToString());
        var cdr = await PostCdrAsync(Cdr("ISO-CDR"));
        Assert.True(cdr.StatusCode == 1000, cdr.ToString());
    }

    /// <summary>What the routes could change, read over the right connections and NL*CPO's back office.</summary>
    private async Task<string> IsolationStateAsync()
    {
        var (preferencesStatus, _, preferences) = await SessionCdrConformanceFixture.AdminAsync(f.Cpo, HttpMethod.Get,
            "/admin/parties/NL/CPO/cpo/sessions/ISO-S/charging_preferences");
        return string.Join(" | ",
            Json(await ReceivedSessionAsync("ISO-R")),
            (await f.AsCpoAsync(HttpMethod.Get, f.SessionReceiverUrl("ISO-R-NEW"))).Status,
            Json((await f.AsCpoAsync(HttpMethod.Get, f.CdrLocation("ISO-CDR"))).Data),
            (await f.AsCpoAsync(HttpMethod.Get, f.CdrLocation("ISO-CDR-NEW"))).Status,
            await HeldCountAsync("cdrs", "ISO-CDR-NEW", "DE*MS2"),
            await HeldCountAsync("sessions", "ISO-R-NEW", "DE*MS2"),
            preferencesStatus, preferences);
    }

    [Theory]
    [MemberData(nameof(IsolationCases))]
    public async Task Isolation_every_sessions_and_cdrs_route_refuses_callers_that_may_not_reach_the_party(string route, string caller)
    {
        await EnsureIsolationObjectsAsync();
        var r = IsolationRoutes[route];
        var before = await IsolationStateAsync();

        // The right connection for the route, then one thing about the call made wrong.
        var (token, from, to) = r.Sender ? (f.EmspToken, "DE*MSP", "NL*CPO") : (f.CpoToken, "NL*CPO", "DE*MSP");
        var body = r.Body?.Invoke();
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
                (token, from, to) = (r.Sender ? f.OtherAtCpoToken : f.OtherAtEmspToken, null, null);
                because = r.Sender ? "Unknown session ISO-S" : "NL*CPO in the URL is not a CPO of your connection";
                if (r.Method == HttpMethod.Post)
                {
                    // A CDR for DE*MS2's own driver, so that its owner NL*CPO is what gets it refused.
                    body!["cdr_token"] = Builders.CdrToken("DE*MS2");
                    because = "NL*CPO is not a CPO of your connection";
                }
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

        using var client = new OcpiClient(token);
        var answer = await client.SendAsync(r.Method, IsolationUrl(r), body, from, to, Ct);

        AssertRefused(answer, expected);
        // Refused for this reason, not for another one (such as a route that does not exist).
        Assert.Contains(because, answer.StatusMessage, StringComparison.Ordinal);
        Assert.Null(answer.Data);
        Assert.Equal(before, await IsolationStateAsync());
    }

    [Fact]
    public async Task Isolation_the_right_connection_reaches_every_route()
    {
        // The control for the matrix above: a 404 there must come from routing, not from a route that does not exist.
        await EnsureIsolationObjectsAsync();
        var before = await IsolationStateAsync();
        foreach (var (name, r) in IsolationRoutes.Where(r => r.Value.Method == HttpMethod.Get || r.Value.Same is not null))
        {
            var answer = r.Sender
                ? await f.AsEmspAsync(r.Method, IsolationUrl(r), r.Same?.Invoke())
                : await f.AsCpoAsync(r.Method, IsolationUrl(r), r.Same?.Invoke());
            Assert.True(answer.StatusCode == 1000 && answer.Status is HttpStatusCode.OK, $"{name}: {answer}");
        }
        Assert.Equal(before, await IsolationStateAsync());
    }
}
