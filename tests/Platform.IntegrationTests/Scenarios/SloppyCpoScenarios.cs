using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Modules;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// A hosted eMSP sends commands to an outside CPO that deviates from 2.2.1: the platform reads what it can, ends
/// the command with a reason when it cannot, and never lets a late or repeated result change an ended command.
/// </summary>
public sealed class SloppyCpoScenarios : IAsyncLifetime
{
    private const string Emsp = "DE*MSP";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlatformInstance _platform = null!;
    private FakePeer _cpo = null!;
    private string _connectionId = null!;

    public async ValueTask InitializeAsync()
    {
        _platform = await PlatformInstance.StartAsync();
        await _platform.CreatePartyAsync("DE", "MSP", "EMSP");
        _cpo = await FakePeer.StartAsync();
        _cpo.Party = ("CPO", "NL", "FCP");
        _cpo.Modules.Add(("commands", "RECEIVER"));
        _cpo.Modules.Add(("locations", "SENDER"));
        _connectionId = await _platform.ConnectAsync(_cpo, "sloppy cpo", Emsp);
    }

    /// <summary>The token the platform gave the CPO to call it with.</summary>
    private string OurToken =>
        (string)_cpo.Requests.First(r => r.Method == "POST" && r.Path.EndsWith("/credentials", StringComparison.Ordinal)).Body!["token"]!;

    public async ValueTask DisposeAsync()
    {
        await _cpo.DisposeAsync();
        await _platform.DisposeAsync();
    }

    /// <summary>The CPO answers every command with <paramref name="data"/>; returns the command once it left <c>sent</c>.</summary>
    private async Task<JsonObject> SendAnsweredWith(string data)
    {
        _cpo.Answer = r => r.Method == "POST" && r.Path.Contains("/commands/", StringComparison.Ordinal) ? (200, JsonNode.Parse(data), 1000) : null;
        var id = await _platform.SendCommandAsync(Emsp, "START_SESSION", CommandSteps.StartSession("NL*FCP", Emsp, "LOC9"));
        return await _platform.CommandInStateAsync(Emsp, id, "accepted", "rejected", "failed", "timed_out", "result_received");
    }

    /// <summary>The CPO posts <paramref name="result"/> to the response_url of the command it received last.</summary>
    private async Task<OcpiAnswer> PostResultAsync(string result)
    {
        var command = _cpo.Requests.Last(r => r.Method == "POST" && r.Path.Contains("/commands/", StringComparison.Ordinal));
        using var client = new OcpiClient(OurToken);
        return await client.SendAsync(HttpMethod.Post, (string)command.Body!["response_url"]!, new { result }, from: "NL*FCP", to: Emsp, ct: Ct);
    }

    [Fact]
    public async Task A_CommandResponse_without_timeout_waits_the_configured_timeout_instead_of_timing_out_at_once()
    {
        var command = await SendAnsweredWith("""{"result":"ACCEPTED"}""");

        Assert.Equal("accepted", (string?)command["state"]);
        Assert.True(DateTime.Parse((string)command["timeout_at"]!).ToUniversalTime() > DateTime.UtcNow.AddSeconds(10), command.ToJsonString());
    }

    [Theory]
    [InlineData("""{"result":"ACCEPTED","timeout":"soon"}""")]
    [InlineData("""{"result":"ACCEPTED","timeout":-5}""")]
    public async Task An_unusable_timeout_is_read_as_the_configured_one(string data)
    {
        var command = await SendAnsweredWith(data);

        Assert.Equal("accepted", (string?)command["state"]);
        Assert.True(DateTime.Parse((string)command["timeout_at"]!).ToUniversalTime() > DateTime.UtcNow.AddSeconds(10), command.ToJsonString());
    }

    [Fact]
    public async Task A_list_wrapping_one_CommandResponse_is_read_as_that_response()
    {
        var command = await SendAnsweredWith("""[{"result":"REJECTED","timeout":0}]""");

        Assert.Equal("rejected", (string?)command["state"]);
        Assert.Equal("REJECTED", command.Response());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"result":"ACCEPTED","timeout":30},{"result":"REJECTED","timeout":30}]""")]
    [InlineData("\"ACCEPTED\"")]
    public async Task An_answer_that_holds_no_single_CommandResponse_ends_the_command_failed_with_a_reason(string data)
    {
        var command = await SendAnsweredWith(data);

        Assert.Equal("failed", (string?)command["state"]);
        Assert.False(string.IsNullOrEmpty((string?)command["reason"]), command.ToJsonString());
    }

    [Fact]
    public async Task A_result_after_a_rejection_is_kept_as_late_and_the_command_stays_rejected()
    {
        var id = (string)(await SendAnsweredWith("""{"result":"REJECTED","timeout":30}"""))["id"]!;

        var answer = await PostResultAsync("ACCEPTED");

        Assert.Equal(1000, answer.StatusCode);
        var command = await _platform.CommandAsync(Emsp, id);
        Assert.Equal("rejected", (string?)command["state"]);
        Assert.Equal("ACCEPTED", command.Result());
        Assert.True((bool)command["late"]!);
    }

    [Fact]
    public async Task A_result_after_the_timeout_is_kept_as_late_and_the_command_stays_timed_out()
    {
        var sent = await SendAnsweredWith("""{"result":"ACCEPTED","timeout":1}""");
        await _platform.CommandInStateAsync(Emsp, (string)sent["id"]!, "timed_out");

        await PostResultAsync("ACCEPTED");

        var command = await _platform.CommandAsync(Emsp, (string)sent["id"]!);
        Assert.Equal("timed_out", (string?)command["state"]);
        Assert.Equal("ACCEPTED", command.Result());
        Assert.True((bool)command["late"]!);
    }

    [Fact]
    public async Task A_second_result_is_shown_and_the_state_stays_result_received()
    {
        var sent = await SendAnsweredWith("""{"result":"ACCEPTED","timeout":60}""");
        await PostResultAsync("ACCEPTED");
        await PostResultAsync("CANCELED_RESERVATION");

        var command = await _platform.CommandAsync(Emsp, (string)sent["id"]!);
        Assert.Equal("result_received", (string?)command["state"]);
        Assert.Equal("CANCELED_RESERVATION", command.Result());
        Assert.False((bool)command["late"]!);
    }

    [Fact]
    public async Task What_the_CPO_pushed_and_we_refused_and_what_it_refused_of_ours_are_the_connections_problems_newest_first()
    {
        var location = Builders.Location("NL", "FCP", "BADLOC", "E1");
        location["opening_times"] = JsonNode.Parse("""{"twentyfourseven":false,"regular_hours":[{"weekday":"1","period_begin":"08:00","period_end":"20:00"}]}""");
        using var client = new OcpiClient(OurToken);
        var pushed = await client.SendAsync(HttpMethod.Put, _platform.Url + "/ocpi/2.2.1/receiver/locations/NL/FCP/BADLOC", location, from: "NL*FCP", to: Emsp, ct: Ct);
        Assert.Equal(2001, pushed.StatusCode);
        _cpo.Answer = r => r.Method == "POST" && r.Path.Contains("/commands/", StringComparison.Ordinal) ? (500, null, 3000) : null;
        var id = await _platform.SendCommandAsync(Emsp, "START_SESSION", CommandSteps.StartSession("NL*FCP", Emsp, "LOC9"));
        await _platform.CommandInStateAsync(Emsp, id, "failed");

        var response = await _platform.Admin.GetAsync($"/admin/connections/{_connectionId}/problems?limit=1", Ct);
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray();
        var all = JsonNode.Parse(await _platform.Admin.GetStringAsync($"/admin/connections/{_connectionId}/problems", Ct))!.AsArray();
        var connection = JsonNode.Parse(await _platform.Admin.GetStringAsync($"/admin/connections/{_connectionId}", Ct))!;

        Assert.Equal("2", response.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal("outbound", (string?)Assert.Single(page)!["direction"]);
        var refused = all.Single(p => (string?)p!["direction"] == "inbound")!;
        Assert.Equal(("locations", "BADLOC"), ((string?)refused["module"], (string?)refused["object_id"]));
        Assert.Contains("weekday", (string?)refused["reason"], StringComparison.Ordinal);
        Assert.Equal(2, (int)connection["problem_count"]!);
    }

    [Fact]
    public async Task The_problems_of_a_connection_need_the_admin_key()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_platform.Url) };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/admin/connections/{_connectionId}/problems", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_full_resync_asks_without_date_from_and_removes_what_the_CPO_no_longer_lists()
    {
        var listed = new JsonArray(Builders.Location("NL", "FCP", "L1", "E1"), Builders.Location("NL", "FCP", "L2", "E1"));
        _cpo.Answer = r => r.Method == "GET" && r.Path.EndsWith("/locations", StringComparison.Ordinal) ? (200, listed, 1000) : null;
        await _platform.ResyncAsync(_connectionId, full: true);
        await Scenario.Eventually(async () => (await _platform.ReceivedIdsAsync(Emsp, "locations")).Count == 2, "both locations are pulled");

        listed.RemoveAt(1);
        var before = _cpo.Requests.Count;
        await _platform.ResyncAsync(_connectionId, full: true);

        await Scenario.Eventually(async () => (await _platform.ReceivedIdsAsync(Emsp, "locations")) is ["L1"], "L2, no longer listed, is removed");
        var pulls = _cpo.Requests.Skip(before).Where(r => r.Method == "GET" && r.Path.EndsWith("/locations", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pulls);
        Assert.All(pulls, r => Assert.DoesNotContain("date_from", r.Query, StringComparison.Ordinal));
    }
}
