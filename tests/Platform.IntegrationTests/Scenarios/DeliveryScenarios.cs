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

    [Fact]
    public async Task A_whole_location_push_that_fails_while_a_status_change_waits_reaches_the_peer_with_both()
    {
        // Reliability R3 found it: the failed PUT was cancelled in favour of the waiting status PATCH of one EVSE, and
        // the peer never heard of what else the PUT carried (here: EVSE E2 out of order).
        await using var platform = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        await using var peer = await FakePeer.StartAsync();
        peer.Party = ("EMSP", "DE", "FAK");
        peer.Modules.Add(("locations", "RECEIVER"));
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource<FakePeerRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = false;
        peer.BeforeAnswer = async r =>
        {
            if (!Volatile.Read(ref holding) || r.Method != "PUT" || !held.TrySetResult(r)) return;
            await hold.Task;
        };
        peer.Answer = r => held.Task.IsCompletedSuccessfully && ReferenceEquals(r, held.Task.Result) ? (500, null, 3000) : (200, null, 1000);
        await platform.ConnectAsync(peer, "eMSP", "NL*CPO");
        var location = Builders.Location("NL", "CPO", "LOC1", "E1", "E2");
        await platform.PublishLocationAsync("NL*CPO", location);
        await Scenario.Eventually(async () => (await platform.DeliveriesAsync("delivered")).Count == 1, "the first publication is delivered");

        Volatile.Write(ref holding, true);
        location["evses"]![1]!["status"] = "OUTOFORDER";
        location["last_updated"] = Builders.Now;
        await platform.PublishLocationAsync("NL*CPO", location);
        await held.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await platform.SetEvseStatusAsync("NL*CPO", "LOC1", "E1", "CHARGING");
        await Scenario.Eventually(async () => (await platform.DeliveriesAsync("pending")).Any(d => (string?)d!["operation"] == "patch_status"),
            "E1's status waits behind the held PUT");
        hold.SetResult();

        var failed = await held.Task;
        await Scenario.Eventually(() => Task.FromResult(Latest(peer, failed, "E1") == "CHARGING" && Latest(peer, failed, "E2") == "OUTOFORDER"),
            "the peer holds both changes");
        var superseded = (await platform.DeliveriesAsync("cancelled")).Single();
        Assert.StartsWith("superseded: ", (string?)superseded!["last_error"]);
    }

    /// <summary>The status of an EVSE of LOC1 as the peer was last told, by a PUT of the location or a PATCH of the EVSE, but for the one it failed.</summary>
    private static string? Latest(FakePeer peer, FakePeerRequest failed, string evse) => peer.Requests
        .Where(r => r.Method is "PUT" or "PATCH" && !ReferenceEquals(r, failed) && r.Path.Contains("/locations/NL/CPO/LOC1", StringComparison.Ordinal))
        .Select(r => r.Path.EndsWith("/LOC1/" + evse, StringComparison.Ordinal) ? (string?)r.Body?["status"]
            : r.Path.EndsWith("/LOC1", StringComparison.Ordinal) ? (string?)r.Body?["evses"]?.AsArray().FirstOrDefault(e => (string?)e?["uid"] == evse)?["status"] : null)
        .LastOrDefault(s => s is not null);
}
