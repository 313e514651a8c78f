using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Modules;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>GET /metrics: Prometheus text behind the admin key, with values that follow known traffic.</summary>
public sealed partial class MetricsScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Metrics_are_refused_without_the_admin_key_or_with_another_key()
    {
        await using var platform = await PlatformInstance.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = new Uri(platform.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics", Ct)).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key") } };
        var refused = await anonymous.SendAsync(wrong, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("# TYPE", await refused.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Three_pushes_count_three_and_a_peer_down_shows_one_pending_delivery()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, link) = pair;
        var connection = link.ServerConnectionId;
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Count == 1, "the location is delivered");
        foreach (var (status, delivered) in new[] { ("CHARGING", 2), ("AVAILABLE", 3) })
        {
            await cpo.SetEvseStatusAsync("NL*CPO", "LOC1", "EVSE1", status);
            await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Count == delivered, $"push {delivered} is delivered");
        }

        await Scenario.Eventually(async () => Value(await ScrapeAsync(cpo), "platform_pushes_total", connection, "outcome=\"delivered\"") == 3,
            "the push counter of the connection counts 3 delivered");
        var text = await ScrapeAsync(cpo);
        Assert.Equal(3, Value(text, "platform_push_latency_seconds_count", connection));
        Assert.Contains("# TYPE platform_ocpi_requests_total counter", text);
        Assert.Equal(0, Value(text, "platform_deliveries_pending", connection));

        await emsp.StopAsync();
        await cpo.SetEvseStatusAsync("NL*CPO", "LOC1", "EVSE1", "BLOCKED");
        await Scenario.Eventually(async () => Value(await ScrapeAsync(cpo), "platform_deliveries_pending", connection) == 1,
            "the backlog gauge shows the push waiting for the peer");
        await Scenario.Eventually(async () => Value(await ScrapeAsync(cpo), "platform_connection_health", connection) == 1,
            "the health gauge shows the connection degraded");
        Assert.Equal(3, Value(await ScrapeAsync(cpo), "platform_pushes_total", connection, "outcome=\"delivered\""));
    }

    [Fact]
    public async Task A_received_write_times_its_group_commit_and_the_log_sync_it_waited_for_at_the_disk_scale()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Count == 1, "the location is delivered");

        // The eMSP answered the PUT after its group commit and the sync that followed it: both are counted by then.
        var text = await ScrapeAsync(emsp);
        Assert.True(Total(text, "platform_group_commit_size_count") >= 1, "the group commit is counted");
        Assert.True(Total(text, "platform_group_commit_wait_seconds_count") >= 1, "the group's wait is timed");
        Assert.True(Total(text, "platform_db_log_sync_duration_seconds_count") >= 1, "the log's sync is timed");
        // Buckets at the disk's scale: a sync takes tens of µs on a fast disk, far below the 5 ms a peer call starts at.
        Assert.Matches(@"(?m)^platform_db_log_sync_duration_seconds_bucket\{[^}]*le=""(5E-05|5e-05|0.00005)""", text);
        Assert.Matches(@"(?m)^platform_group_commit_wait_seconds_bucket\{[^}]*le=""0.001""", text);
    }

    [Fact]
    public async Task With_a_management_port_metrics_answer_only_there_and_still_want_the_admin_key()
    {
        var port = FreePort();
        await using var platform = await PlatformInstance.StartAsync(new InstanceSetup(new Dictionary<string, string> { ["Metrics:Port"] = $"{port}" }));
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Admin.GetAsync("/metrics", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await platform.Admin.GetAsync("/admin/parties", Ct)).StatusCode);
        // An OCPI call on the main port (refused: no token), so the inbound counter has a series.
        using var anonymous = new HttpClient { BaseAddress = new Uri(platform.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/ocpi/versions", Ct)).StatusCode);

        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await management.GetAsync("/metrics", Ct)).StatusCode);
        management.DefaultRequestHeaders.Authorization = platform.Admin.DefaultRequestHeaders.Authorization;
        Assert.Contains("# TYPE platform_ocpi_requests_total counter", await management.GetStringAsync("/metrics", Ct));
    }

    [Fact]
    public async Task Kestrel_memory_pool_is_not_counted_per_block_while_the_server_series_stay()
    {
        await using var platform = await PlatformInstance.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = new Uri(platform.Url) };
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/ocpi/versions", Ct)).StatusCode);
        var text = await ScrapeAsync(platform);
        Assert.Contains("http_server_request_duration_seconds_count", text);
        Assert.Contains("aspnetcore_memory_pool_allocated", text);
        Assert.DoesNotContain("aspnetcore_memory_pool_rented", text);
        Assert.DoesNotContain("aspnetcore_memory_pool_pooled", text);
    }

    [Fact]
    public async Task With_telemetry_switched_off_there_is_no_metrics_endpoint_and_the_platform_still_serves()
    {
        await using var platform = await PlatformInstance.StartAsync(new InstanceSetup(new Dictionary<string, string> { ["OpenTelemetry:Enabled"] = "false" }));
        Assert.Equal(HttpStatusCode.NotFound, (await platform.Admin.GetAsync("/metrics", Ct)).StatusCode);
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        await platform.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
    }

    [Fact]
    public async Task Commands_are_counted_by_type_and_the_state_each_reached()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
        JsonObject Unlock(string connector) => new()
        {
            ["cpo"] = "NL*CPO", ["location_id"] = "LOC1", ["evse_uid"] = "EVSE1", ["connector_id"] = connector,
        };
        await emsp.CommandInStateAsync("DE*MSP", await emsp.SendCommandAsync("DE*MSP", "UNLOCK_CONNECTOR", Unlock("1")), "result_received");
        await emsp.CommandInStateAsync("DE*MSP", await emsp.SendCommandAsync("DE*MSP", "UNLOCK_CONNECTOR", Unlock("9")), "rejected");

        var text = await ScrapeAsync(emsp);
        double? Count(string state) => Series().Matches(text)
            .Where(m => m.Groups["name"].Value == "platform_commands_total" && m.Groups["labels"].Value.Contains("type=\"UNLOCK_CONNECTOR\"")
                        && m.Groups["labels"].Value.Contains($"state=\"{state}\""))
            .Select(m => (double?)double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).FirstOrDefault();
        Assert.Equal([1, 1, 1], new[] { Count("accepted"), Count("result_received"), Count("rejected") });
        Assert.Null(Count("timed_out"));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> ScrapeAsync(PlatformInstance instance) => await instance.Admin.GetStringAsync("/metrics", Ct);

    /// <summary>The value of the series <paramref name="name"/> of <paramref name="connection"/> (and <paramref name="label"/>); null if absent.</summary>
    private static double? Value(string text, string name, string connection, string? label = null) =>
        Series().Matches(text)
            .Where(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains($"connection=\"{connection}\"")
                        && (label is null || m.Groups["labels"].Value.Contains(label)))
            .Select(m => (double?)double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .FirstOrDefault();

    /// <summary>The sum of every series named <paramref name="name"/>, labelled or not.</summary>
    private static double Total(string text, string name) =>
        Regex.Matches(text, $@"(?m)^{name}(\{{[^}}]*\}})? (?<value>[0-9.eE+-]+)")
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"(?m)^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)")]
    private static partial Regex Series();
}
