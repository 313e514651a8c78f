using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Modules;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>2.2.1 mod_commands §START_SESSION (M4): the CPO does not re-authorize, for 15 minutes, an RFID token the eMSP started a session for.</summary>
public sealed class CommandAuthorizationScenarios
{
    [Fact]
    public async Task An_rfid_token_started_by_command_is_not_reauthorized_in_real_time_at_that_location()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1"));
        // Real-time authorization would answer BLOCKED for both tokens.
        await emsp.IssueTokenAsync("DE*MSP", Builders.Token("DE*MSP", "RFID0001", whitelist: "NEVER", valid: false));
        await emsp.IssueTokenAsync("DE*MSP", Builders.Token("DE*MSP", "RFID0002", whitelist: "NEVER", valid: false));
        await Scenario.Eventually(async () => (await cpo.CachedTokensAsync("NL*CPO")).Count == 2, "both tokens reach the CPO");

        var command = await emsp.SendCommandAsync("DE*MSP", "START_SESSION", CommandSteps.StartSession("NL*CPO", "DE*MSP", "LOC1"));
        Assert.Equal("ACCEPTED", (await emsp.CommandInStateAsync("DE*MSP", command, "result_received", "rejected", "failed")).Result());

        var started = await cpo.AuthorizeAsync("NL*CPO", new { uid = "RFID0001", location_id = "LOC1" });
        Assert.Equal("ALLOWED", (string?)started["allowed"]);
        Assert.Equal("command", (string?)started["decided_by"]);

        var other = await cpo.AuthorizeAsync("NL*CPO", new { uid = "RFID0002", location_id = "LOC1" });
        Assert.Equal("BLOCKED", (string?)other["allowed"]);
        Assert.Equal("real-time", (string?)other["decided_by"]);
        var elsewhere = await cpo.AuthorizeAsync("NL*CPO", new { uid = "RFID0001", location_id = "LOC2" });
        Assert.Equal("real-time", (string?)elsewhere["decided_by"]);
    }
}
