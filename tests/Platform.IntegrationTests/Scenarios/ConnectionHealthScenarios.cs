using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>An operator sees in GET /admin/connections which peer is failing, since when, and what waits for it.</summary>
public sealed class ConnectionHealthScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_is_ok_while_the_peer_answers_degraded_once_it_stops_and_down_when_it_has_failed_long_enough()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, link) = pair;
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
        await Scenario.Eventually(async () => (await HealthAsync(cpo, link.ServerConnectionId))["last_success_at"] is not null,
            "the push is answered and recorded");
        var ok = await HealthAsync(cpo, link.ServerConnectionId);
        Assert.Equal("ok", (string?)ok["status"]);
        Assert.Null(ok["last_failure_at"]);
        Assert.Equal(0, (int)ok["failures_last_15m"]!);

        await emsp.StopAsync();
        await cpo.SetEvseStatusAsync("NL*CPO", "LOC1", "EVSE1", "CHARGING");
        await Scenario.Eventually(async () => (string?)(await HealthAsync(cpo, link.ServerConnectionId))["status"] == "degraded",
            "the connection is degraded once a push fails");
        var degraded = await HealthAsync(cpo, link.ServerConnectionId);
        Assert.Equal(1, (int)degraded["pending"]!);
        Assert.NotNull(degraded["last_failure_at"]);
        Assert.True((int)degraded["failures_last_15m"]! >= 1);
        Assert.Equal(0, (int)degraded["failed"]!);

        // Failing for longer than Health:DownAfterSeconds is down; the list shows the same health as the single connection.
        cpo.Configure("Health:DownAfterSeconds", "1");
        await Scenario.Eventually(async () => (string?)(await HealthAsync(cpo, link.ServerConnectionId))["status"] == "down",
            "the connection is down once every call has failed for a while");
        var listed = JsonNode.Parse(await cpo.Admin.GetStringAsync("/admin/connections", Ct))!.AsArray()
            .Single(c => (string?)c!["id"] == link.ServerConnectionId)!;
        Assert.Equal("down", (string?)listed["health"]!["status"]);

        await emsp.RestartAsync();
        await Scenario.Eventually(async () => (string?)(await HealthAsync(cpo, link.ServerConnectionId))["status"] == "degraded",
            "a peer that answers again is no longer down (failures of the last 15 minutes still show)");
        await Scenario.Eventually(async () => (int)(await HealthAsync(cpo, link.ServerConnectionId))["pending"]! == 0, "the waiting push leaves");
    }

    private static async Task<JsonObject> HealthAsync(PlatformInstance instance, string connectionId) =>
        JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/connections/{connectionId}", Ct))!["health"]!.AsObject();
}
