using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// An operator probes a partner before going live (issue 21): a second platform of ours is the conforming partner,
/// so every read-only check passes; the probe endpoints are the operator's alone, and a probe belongs to its connection.
/// </summary>
public sealed class ProbePlatformScenarios : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private CpoAndEmsp _net = null!;

    public async ValueTask InitializeAsync()
    {
        _net = await CpoAndEmsp.StartAsync();
        await _net.Cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "E1"));
        await _net.Cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC2", "E1"));
    }

    public async ValueTask DisposeAsync() => await _net.DisposeAsync();

    [Fact]
    public async Task A_probe_of_a_second_platform_passes_every_read_only_check_and_shows_no_token()
    {
        var report = await _net.Emsp.ProbeAsync(_net.Link.ClientConnectionId);

        Assert.Empty(report.Checks("fail").Names());
        Assert.True(report.Checks("pass").Count() >= 10, report.ToJsonString());
        Assert.Equal(report.Checks("pass").Count(), (int)report["summary"]!["pass"]!);
        Assert.Contains("locations: Link followable", report.Checks("pass").Names());
        Assert.Contains("locations: date_from and date_to honoured", report.Checks("pass").Names());
        Assert.Contains("commands: CommandResponse carries timeout", report.Checks("pass").Names());
        Assert.Equal("2.2.1", (string?)report["version"]);
        Assert.NotNull(report["finished_at"]);
        Assert.All(report["checks"]!.AsArray(), c => Assert.False(string.IsNullOrEmpty((string?)c!["spec"]), c.ToJsonString()));
        var token = await _net.Emsp.HeldTokenAsync(_net.Link.ClientConnectionId);
        Assert.All(PlatformInspection.Forms(token!), form => Assert.DoesNotContain(form, report.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_probe_of_a_second_platform_on_2_3_0_passes_every_read_only_check()
    {
        // Two default instances speak all versions, so they choose 2.3.0; the probe judges the answers as read through
        // the 2.3.0 edge (it used to skip every check for any version but 2.2.1).
        await using var net = await CpoAndEmsp.StartAsync(new InstanceSetup(new Dictionary<string, string> { ["Ocpi:Versions"] = "2.1.1,2.2.1,2.3.0" }));
        await net.Cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "E1"));

        var report = await net.Emsp.ProbeAsync(net.Link.ClientConnectionId);

        Assert.Equal("2.3.0", (string?)report["version"]);
        Assert.Empty(report.Checks("fail").Names());
        Assert.True(report.Checks("pass").Count() >= 10, report.ToJsonString());
        Assert.Contains("locations: Link followable", report.Checks("pass").Names());
    }

    [Fact]
    public async Task A_probe_of_a_second_platform_on_2_1_1_judges_it_by_2_1_1_rules_and_fails_nothing()
    {
        // Both instances limited to 2.1.1: no roles in the version details, the flat credentials object, no request ids,
        // no 2004, no CommandResponse timeout (the probe used to skip a 2.1.1 connection whole).
        await using var net = await CpoAndEmsp.StartAsync(new InstanceSetup(new Dictionary<string, string> { ["Ocpi:Versions"] = "2.1.1" }));
        // The session and the CDR happen at LOC1's EVSE1, which 2.1.1 carries whole in them.
        await net.Cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "EVSE1"));
        await net.Cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC2", "E1"));
        await net.Cpo.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S1", "DE*MSP"));
        await net.Cpo.RecordCdrAsync("NL*CPO", Builders.Cdr("NL*CPO", "CDR1", "DE*MSP"));
        await net.Emsp.IssueTokenAsync("DE*MSP", Builders.Token("DE*MSP", "TOK1"));

        var ofCpo = await net.Emsp.ProbeAsync(net.Link.ClientConnectionId);
        var ofEmsp = await net.Cpo.ProbeAsync(net.Link.ServerConnectionId);

        foreach (var report in new[] { ofCpo, ofEmsp })
        {
            Assert.Equal("2.1.1", (string?)report["version"]);
            Assert.True(!report.Checks("fail").Names().Any(), report.ToJsonString());
            Assert.Contains("versions: list well-formed", report.Checks("pass").Names());
            Assert.Contains("version details: well-formed", report.Checks("pass").Names());
            Assert.Contains("credentials: GET answers our token's credentials", report.Checks("pass").Names());
            Assert.All(report["checks"]!.AsArray().Where(c => ((string?)c!["spec"])!.StartsWith("OCPI ", StringComparison.Ordinal)),
                c => Assert.StartsWith("OCPI 2.1.1 ", (string?)c!["spec"], StringComparison.Ordinal));
            Assert.DoesNotContain("OCPI-from", report.ToJsonString(), StringComparison.Ordinal);
        }
        Assert.Contains("locations: X-Total-Count and X-Limit", ofCpo.Checks("pass").Names());
        Assert.Contains("locations: Link followable", ofCpo.Checks("pass").Names());
        Assert.Contains("locations: date_from and date_to honoured", ofCpo.Checks("pass").Names());
        // Each object is judged as read through the 2.1.1 translation (auth_id, a whole location, a number for total_cost).
        // Our Sessions Sender GET answers each 2.1.1 session with the whole Location it happened at (it used to send only
        // the location's id, which the probe failed, rightly).
        Assert.Contains("locations: objects valid", ofCpo.Checks("pass").Names());
        Assert.Contains("sessions: objects valid", ofCpo.Checks("pass").Names());
        Assert.Contains("cdrs: objects valid", ofCpo.Checks("pass").Names());
        Assert.Contains("tokens: objects valid", ofEmsp.Checks("pass").Names());
        Assert.Contains("commands: START_SESSION at an unknown location is refused", ofCpo.Checks("pass").Names());
        Assert.Contains("tokens: authorize of an unknown token answers 404/2004", ofEmsp.Checks("pass").Names());
        Assert.Contains("tokens: X-Total-Count and X-Limit", ofEmsp.Checks("pass").Names());
        Assert.Contains("2.1.1", Detail(ofCpo, "locations: X-Request-ID and X-Correlation-ID echoed", "skipped"), StringComparison.Ordinal);
        Assert.Contains("2.1.1", Detail(ofCpo, "commands: CommandResponse carries timeout", "skipped"), StringComparison.Ordinal);
        // The evidence shows the command as sent: a 2.1.1 token (auth_id), answered to our 2.1.1 commands endpoint.
        var command = (string)ofCpo["checks"]!.AsArray().Single(c => (string?)c!["name"] == "commands: START_SESSION at an unknown location is refused")!["request"]!;
        Assert.Contains("\"auth_id\"", command, StringComparison.Ordinal);
        Assert.DoesNotContain("contract_id", command, StringComparison.Ordinal);
        Assert.Contains("/ocpi/2.1.1/", command.Split('\n').Last(), StringComparison.Ordinal);
    }

    private static string Detail(JsonObject report, string check, string result)
    {
        var found = Assert.Single(report["checks"]!.AsArray(), c => (string?)c!["name"] == check)!;
        Assert.Equal(result, (string?)found["result"]);
        return (string)found["detail"]!;
    }

    [Fact]
    public async Task The_probe_sends_no_command_a_hosted_eMSP_would_show()
    {
        await _net.Emsp.ProbeAsync(_net.Link.ClientConnectionId);

        var commands = JsonNode.Parse(await _net.Emsp.Admin.GetStringAsync("/admin/parties/DE/MSP/emsp/commands", Ct))!.AsArray();
        Assert.Empty(commands);
    }

    [Fact]
    public async Task Probes_are_listed_newest_first_and_paged()
    {
        var first = await _net.Emsp.ProbeAsync(_net.Link.ClientConnectionId, new { writes = false, modules = new[] { "locations" } });
        var second = await _net.Emsp.ProbeAsync(_net.Link.ClientConnectionId, new { writes = true, modules = new[] { "tariffs" } });

        var response = await _net.Emsp.Admin.GetAsync($"/admin/connections/{_net.Link.ClientConnectionId}/probes?limit=1", Ct);
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
        Assert.Equal("2", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal((string?)second["id"], (string?)Assert.Single(page)!["id"]);
        Assert.DoesNotContain(first.Checks("pass").Names(), n => n.StartsWith("tariffs:", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Checks("pass").Names(), n => n.StartsWith("locations:", StringComparison.Ordinal));
        var writes = second["checks"]!.AsArray().Single(c => ((string)c!["name"]!).StartsWith("writes:", StringComparison.Ordinal))!;
        Assert.Equal("skipped", (string?)writes["result"]);
        Assert.StartsWith("writes requested, but no Receiver", (string?)writes["detail"], StringComparison.Ordinal);
        Assert.Equal("writes not requested", (string?)first["checks"]!.AsArray().Single(c => ((string)c!["name"]!).StartsWith("writes:", StringComparison.Ordinal))!["detail"]);
    }

    [Fact]
    public async Task With_writes_the_eMSP_puts_a_test_token_at_the_CPO_reads_it_back_and_leaves_it_invalid()
    {
        var report = await _net.Emsp.ProbeAsync(_net.Link.ClientConnectionId, new { writes = true, modules = new[] { "tokens" } });

        Assert.Empty(report.Checks("fail").Names());
        Assert.Equal(["writes: tokens PUT and read back", "writes: tokens invalidated (PATCH valid=false) and read back"],
            report.Checks("pass").Names().Where(n => n.StartsWith("writes:", StringComparison.Ordinal)));
        var tokens = JsonNode.Parse(await _net.Cpo.Admin.GetStringAsync("/admin/parties/NL/CPO/cpo/tokens", Ct))!.AsArray();
        var test = Assert.Single(tokens, t => ((string)t!["uid"]!).StartsWith("PROBE-TEST-", StringComparison.Ordinal))!;
        Assert.False((bool)test["valid"]!);
    }

    [Fact]
    public async Task The_CPO_probes_the_eMSP_too_and_with_writes_leaves_its_test_location_removed()
    {
        var report = await _net.Cpo.ProbeAsync(_net.Link.ServerConnectionId, new { writes = true });

        Assert.Empty(report.Checks("fail").Names());
        Assert.Contains("tokens: authorize of an unknown token answers 404/2004", report.Checks("pass").Names());
        Assert.Contains("locations: GET of an unknown object answers unknown", report.Checks("pass").Names());
        Assert.Contains("writes: locations EVSE marked REMOVED", report.Checks("pass").Names());
        var received = JsonNode.Parse(await _net.Emsp.Admin.GetStringAsync("/admin/parties/DE/MSP/emsp/locations", Ct))!.AsArray();
        var test = Assert.Single(received, l => ((string)l!["id"]!).StartsWith("PROBE-TEST-", StringComparison.Ordinal))!;
        Assert.Equal("REMOVED", (string?)test["evses"]![0]!["status"]);
    }

    [Fact]
    public async Task A_probe_id_of_another_connection_is_not_found()
    {
        var report = await _net.Emsp.ProbeAsync(_net.Link.ClientConnectionId);
        var other = (string)(await _net.Emsp.InviteAsync("another partner", "DE*MSP"))["connection_id"]!;

        var response = await _net.Emsp.Admin.GetAsync($"/admin/connections/{other}/probes/{report["id"]}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("0", (await _net.Emsp.Admin.GetAsync($"/admin/connections/{other}/probes", Ct)).Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await _net.Emsp.Admin.GetAsync($"/admin/connections/{_net.Link.ClientConnectionId}/probes/nope", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _net.Emsp.Admin.PostAsync("/admin/connections/nope/probe", null, Ct)).StatusCode);
        Assert.False((await _net.Emsp.Admin.PostAsync($"/admin/connections/{other}/probe", null, Ct)).IsSuccessStatusCode, "a pending connection cannot be probed");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-admin-key")]
    public async Task The_probe_endpoints_refuse_a_caller_without_the_admin_key(string? key)
    {
        var report = await _net.Emsp.ProbeAsync(_net.Link.ClientConnectionId, new { modules = new[] { "tokens" } });
        using var caller = new HttpClient { BaseAddress = new Uri(_net.Emsp.Url) };
        if (key is not null) caller.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var connection = _net.Link.ClientConnectionId;

        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.PostAsync($"/admin/connections/{connection}/probe", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.GetAsync($"/admin/connections/{connection}/probes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await caller.GetAsync($"/admin/connections/{connection}/probes/{report["id"]}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_module_the_probe_does_not_know_is_refused()
    {
        var response = await _net.Emsp.Admin.PostAsync($"/admin/connections/{_net.Link.ClientConnectionId}/probe",
            new StringContent("""{"modules":["parking"]}""", System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("parking", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
