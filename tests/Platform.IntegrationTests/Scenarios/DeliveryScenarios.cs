using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>What operators see and do when pushes keep failing: failed deliveries, flagged CDRs, retry by hand.</summary>
public sealed class DeliveryScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_push_that_runs_out_of_attempts_is_failed_and_visible_a_cdr_is_only_flagged_and_a_retry_delivers_both()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;
        cpo.Configure("Deliveries:MaxAttempts", "1");

        await emsp.StopAsync();
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
        await cpo.RecordCdrAsync("NL*CPO", Builders.Cdr("NL*CPO", "CDR1", "DE*MSP"));
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("failed")).Count == 2, "the location push fails and the CDR is flagged");
        var failed = await cpo.DeliveriesAsync("failed");
        var location = failed.Single(d => (string?)d!["module"] == "locations")!;
        var cdr = failed.Single(d => (string?)d!["module"] == "cdrs")!;
        Assert.Equal("failed", (string?)location["state"]);
        Assert.Contains("gave up after 1 attempts", (string?)location["last_error"]);
        Assert.Equal("pending", (string?)cdr["state"]);
        Assert.True((bool)cdr["flagged"]!);
        Assert.NotNull(cdr["next_attempt_at"]);

        Assert.Equal(HttpStatusCode.Conflict, (await cpo.Admin.PostAsync($"/admin/deliveries/{cdr["id"]}/retry", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cpo.Admin.PostAsync("/admin/deliveries/999999/retry", null, Ct)).StatusCode);

        await emsp.RestartAsync();
        cpo.Configure("Deliveries:MaxAttempts", "15");
        var retried = await cpo.Admin.PostAsync($"/admin/deliveries/{location["id"]}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("pending", (string?)JsonNode.Parse(await retried.Content.ReadAsStringAsync(Ct))!["state"]);
        await Scenario.Eventually(async () => (await cpo.DeliveriesAsync("delivered")).Count == 2, "the retried location and the CDR are delivered");
        Assert.Single(await emsp.ReceivedAsync("DE*MSP", "cdrs"));
        Assert.NotNull(await emsp.ReceivedLocationAsync("DE*MSP", "LOC1"));
    }
}
