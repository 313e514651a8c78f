using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Infrastructure.Problems;
using Platform.Api.Modules.Versions;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// A hosted eMSP's operator probes outside CPOs (issue 21). The fake CPO conforms to 2.2.1 in everything the probe
/// checks, except for the one rule each test breaks; that rule's check, and only that one, fails, with evidence.
/// </summary>
public sealed class ProbeOutsidePeerScenarios : IAsyncLifetime
{
    private const string Emsp = "DE*MSP";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlatformInstance _platform = null!;
    private FakePeer _cpo = null!;
    private string _connectionId = null!;
    private string _break = "";
    private string _version = "2.2.1";
    private readonly List<FakePeer> _peers = [];

    /// <summary>Two locations the CPO lists, a minute apart.</summary>
    private static readonly JsonObject[] Locations = [Dated(Builders.Location("NL", "FCP", "L1", "E1"), 0), Dated(Builders.Location("NL", "FCP", "L2", "E1"), 60)];

    private JsonObject[] _locations = Locations;

    public async ValueTask InitializeAsync()
    {
        // 2.1.1 enabled too for the 2.1.1 CPO; a 2.2.1-only CPO still gets 2.2.1.
        _platform = await PlatformInstance.StartAsync(new InstanceSetup(new Dictionary<string, string> { ["Ocpi:Versions"] = "2.1.1,2.2.1" }));
        await _platform.CreatePartyAsync("DE", "MSP", "EMSP");
        await ConnectCpoAsync("FCP");
    }

    /// <summary>A fake CPO speaking <see cref="_version"/> only, registered with our eMSP; it becomes the one probed.</summary>
    private async Task ConnectCpoAsync(string partyId)
    {
        _cpo = await FakePeer.StartAsync();
        _peers.Add(_cpo);
        _cpo.Party = ("CPO", "NL", partyId);
        _cpo.Versions.Clear();
        _cpo.Versions.Add(_version);
        _cpo.Modules.Clear();
        _cpo.Modules.AddRange([("credentials", "SENDER"), ("locations", "SENDER"), ("tokens", "RECEIVER"), ("commands", "RECEIVER")]);
        if (_version == "2.1.1") WithoutRoles(_cpo);
        _cpo.Answer = Answer;
        _cpo.Headers = Headers;
        var response = await _platform.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "outside cpo " + partyId, versions_url = _cpo.VersionsUrl, token = "token-a", parties = new[] { Emsp } }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        _connectionId = (string)JsonNode.Parse(text)!["id"]!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in _peers) await peer.DisposeAsync();
        await _platform.DisposeAsync();
    }

    [Fact]
    public async Task A_CPO_that_keeps_every_rule_probed_fails_nothing()
    {
        var report = await _platform.ProbeAsync(_connectionId);

        Assert.Empty(report.Checks("fail").Names());
        Assert.Empty(report.Checks("warn").Names());
        Assert.Contains("locations: Link followable", report.Checks("pass").Names());
        Assert.Contains("locations: date_from and date_to honoured", report.Checks("pass").Names());
        Assert.Contains("credentials: GET answers our token's credentials", report.Checks("pass").Names());
    }

    [Theory]
    [InlineData("no X-Total-Count", "locations: X-Total-Count and X-Limit", "X-Total-Count")]
    [InlineData("an object where a list belongs", "locations: data is a list", "list")]
    [InlineData("a list where an object belongs", "credentials: GET answers our token's credentials", "JSON list where the spec requires the credentials object")]
    [InlineData("an unfollowable Link", "locations: Link followable", "Link")]
    [InlineData("200/1000 null for an unknown token", "tokens: GET of an unknown object answers unknown", "HTTP 404")]
    [InlineData("a CommandResponse without timeout", "commands: CommandResponse carries timeout", "timeout")]
    [InlineData("endpoints without role", "version details: well-formed", "role '' is not SENDER or RECEIVER")]
    public async Task A_CPO_that_breaks_one_rule_fails_exactly_the_check_that_names_it(string rule, string check, string named)
    {
        _break = rule;
        // Registered with roles; its details list them no more (2.2.1 requires role, unlike 2.1.1).
        if (rule == "endpoints without role") WithoutRoles(_cpo);

        var report = await _platform.ProbeAsync(_connectionId);

        var failed = Assert.Single(report.Checks("fail"));
        Assert.Equal(check, (string?)failed["name"]);
        Assert.Contains(named, (string?)failed["detail"], StringComparison.Ordinal);
        Assert.StartsWith("OCPI 2.2.1 ", (string?)failed["spec"], StringComparison.Ordinal);
        Assert.Matches("^(GET|POST) https?://127\\.0\\.0\\.1", (string?)failed["request"]);
        Assert.False(string.IsNullOrEmpty((string?)failed["response"]));
        Assert.Equal(1, (int)report["summary"]!["fail"]!);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("a location without postal_code", "L1: postal_code: is required in OCPI 2.1.1")]
    public async Task A_2_1_1_CPO_is_judged_by_2_1_1_rules_and_a_broken_one_fails_only_its_check(string rule, string? named)
    {
        // A 2.1.1 CPO: endpoints without role, flat credentials, locations with type, voltage and a 39-character id.
        _version = "2.1.1";
        _locations = [.. Locations.Select(In211)];
        await ConnectCpoAsync("FC2");
        _break = rule;

        var report = await _platform.ProbeAsync(_connectionId);

        Assert.Equal("2.1.1", (string?)report["version"]);
        if (named is null)
        {
            Assert.True(!report.Checks("fail").Names().Any(), report.ToJsonString());
            foreach (var check in new[] { "version details: well-formed", "credentials: GET answers our token's credentials", "locations: objects valid",
                         "locations: date_from and date_to honoured", "locations: Link followable" })
                Assert.Contains(check, report.Checks("pass").Names());
            return;
        }
        var failed = Assert.Single(report.Checks("fail"));
        Assert.Equal("locations: objects valid", (string?)failed["name"]);
        Assert.Contains(named, (string?)failed["detail"], StringComparison.Ordinal);
        Assert.StartsWith("OCPI 2.1.1 mod_locations.md", (string?)failed["spec"], StringComparison.Ordinal);
    }

    /// <summary>A location as a 2.1.1 CPO lists it; L2's id has the 39 characters 2.1.1 allows (36 in 2.2.1).</summary>
    private static JsonObject In211(JsonObject location)
    {
        var wire = (JsonObject)new Translator211().ToPeer(WireKind.Location, location.DeepClone(), new WireContext("2.1.1", null, null));
        if ((string?)wire["id"] == "L2") wire["id"] = "L2-" + new string('X', 36);
        return wire;
    }

    [Fact]
    public async Task No_credentials_token_is_in_the_report_though_the_CPO_answers_its_credentials_with_it()
    {
        var report = (await _platform.ProbeAsync(_connectionId)).ToJsonString();

        var credentials = _cpo.Requests.Last(r => r.Method == "GET" && r.Path.EndsWith("/credentials", StringComparison.Ordinal));
        var ours = (string)_cpo.Requests.First(r => r.Method == "POST" && r.Path.EndsWith("/credentials", StringComparison.Ordinal)).Body!["token"]!;
        Assert.NotNull(credentials.Token);
        foreach (var token in new[] { credentials.Token!, ours, "token-a" })
            Assert.All(PlatformInspection.Forms(token), form => Assert.DoesNotContain(form, report, StringComparison.Ordinal));
        var check = JsonNode.Parse(report)!["checks"]!.AsArray().Single(c => (string?)c!["name"] == "credentials: GET answers our token's credentials")!;
        Assert.Contains("\"token\":\"***\"", (string?)check["response"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_platform_refused_of_the_CPO_since_registration_is_reported_grouped_by_rule()
    {
        await using (var scope = _platform.Services.CreateAsyncScope())
        {
            var problems = scope.ServiceProvider.GetRequiredService<ConnectionProblems>();
            foreach (var id in new[] { "BADLOC1", "BADLOC2" })
                await problems.RecordAsync(_connectionId, ProblemDirections.Inbound, "locations", id, null, "refused on pull: coordinates.latitude: not a latitude", Ct);
        }

        var report = await _platform.ProbeAsync(_connectionId);

        var recorded = Assert.Single(report.Checks("warn"));
        Assert.Equal("recorded problems: inbound locations: refused on pull", (string?)recorded["name"]);
        Assert.StartsWith("2 time(s)", (string?)recorded["detail"], StringComparison.Ordinal);
    }

    private (int Http, JsonNode? Data, int Code)? Answer(FakePeerRequest r)
    {
        if (r.Method == "GET" && r.Path.EndsWith("/credentials", StringComparison.Ordinal))
            return (200, _break == "a list where an object belongs" ? new JsonArray(Credentials(r.Token!)) : Credentials(r.Token!), 1000);
        if (r.Method == "GET" && r.Path.EndsWith("/locations", StringComparison.Ordinal))
        {
            var (page, _, _) = Page(r);
            if (_break == "a location without postal_code") page = [.. page.Select((l, i) => i == 0 && (string?)l["id"] == "L1" ? Without(l, "postal_code") : l)];
            return (200, _break == "an object where a list belongs" ? page.FirstOrDefault()?.DeepClone() : new JsonArray(page.Select(l => l.DeepClone()).ToArray()), 1000);
        }
        if (r.Method == "GET" && r.Path.Contains("/tokens/", StringComparison.Ordinal) && _break == "200/1000 null for an unknown token")
            return (200, null, 1000);
        if (r.Method == "POST" && r.Path.EndsWith("/commands/START_SESSION", StringComparison.Ordinal))
            return (200, _break == "a CommandResponse without timeout" ? new JsonObject { ["result"] = "REJECTED" } : new JsonObject { ["result"] = "REJECTED", ["timeout"] = 30 }, 2003);
        return null;
    }

    private Dictionary<string, string>? Headers(FakePeerRequest r)
    {
        if (!(r.Method == "GET" && r.Path.EndsWith("/locations", StringComparison.Ordinal))) return null;
        var (page, total, next) = Page(r);
        var headers = new Dictionary<string, string> { ["X-Limit"] = "100" };
        if (_break != "no X-Total-Count") headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (next is not null)
            headers["Link"] = $"<{(_break == "an unfollowable Link" ? next.Replace("http://", "https://", StringComparison.Ordinal) : next)}>; rel=\"next\"";
        return headers;
    }

    /// <summary>The Sender's paging: date_from inclusive, date_to exclusive, offset and limit, a Link while more follow.</summary>
    private (List<JsonObject> Page, int Total, string? Next) Page(FakePeerRequest r)
    {
        var query = QueryHelpers.ParseQuery(r.Query);
        DateTime? At(string name) => query.TryGetValue(name, out var v) ? DateTime.Parse(v!, null, System.Globalization.DateTimeStyles.AdjustToUniversal) : null;
        var (from, to) = (At("date_from"), At("date_to"));
        var matching = _locations.Where(l => LastUpdated(l) >= (from ?? DateTime.MinValue) && LastUpdated(l) < (to ?? DateTime.MaxValue)).ToList();
        var offset = query.TryGetValue("offset", out var o) ? int.Parse(o!, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var limit = query.TryGetValue("limit", out var l) ? int.Parse(l!, System.Globalization.CultureInfo.InvariantCulture) : 100;
        var page = matching.Skip(offset).Take(limit).ToList();
        var rest = query.Where(q => q.Key is not ("offset" or "limit")).Select(q => $"&{q.Key}={Uri.EscapeDataString(q.Value!)}");
        var next = offset + limit < matching.Count ? $"{_cpo.VersionUrl(_version)}/locations?offset={offset + limit}&limit={limit}{string.Concat(rest)}" : null;
        return (page, matching.Count, next);
    }

    /// <summary>The CPO's credentials: 2.2.1's roles list, or 2.1.1's flat object.</summary>
    private JsonObject Credentials(string token)
    {
        var credentials = _cpo.Credentials(token);
        if (_version != "2.1.1") return credentials;
        var role = credentials["roles"]![0]!;
        return new JsonObject
        {
            ["token"] = token, ["url"] = _cpo.VersionsUrl, ["business_details"] = role["business_details"]!.DeepClone(),
            ["party_id"] = role["party_id"]!.DeepClone(), ["country_code"] = role["country_code"]!.DeepClone(),
        };
    }

    /// <summary>The peer's version details list its endpoints with <c>"role": null</c>.</summary>
    private static void WithoutRoles(FakePeer peer)
    {
        var modules = peer.Modules.Select(m => (m.Module, Role: (string)null!)).ToList();
        peer.Modules.Clear();
        peer.Modules.AddRange(modules);
    }

    private static JsonObject Without(JsonObject item, string field)
    {
        var copy = item.DeepClone().AsObject();
        copy.Remove(field);
        return copy;
    }

    private static DateTime LastUpdated(JsonObject location) =>
        DateTime.Parse((string)location["last_updated"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

    private static JsonObject Dated(JsonObject location, int minutes)
    {
        var at = new DateTime(2026, 1, 5, 10, 0, 0, DateTimeKind.Utc).AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        location["last_updated"] = at;
        foreach (var evse in location["evses"]!.AsArray())
        {
            evse!["last_updated"] = at;
            foreach (var connector in evse["connectors"]!.AsArray()) connector!["last_updated"] = at;
        }
        return location;
    }
}
