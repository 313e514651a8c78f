using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// A command the simulated chargers accepted is answered even when the process stops before they answer: the answer
/// was a scheduled job in in-memory Hangfire, which a restart forgets (found by the reliability suite's kill -9 rounds).
/// </summary>
public sealed class SimulatorRecoveryScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_accepted_before_a_restart_still_gets_its_result_after_it()
    {
        await using var cpo = await PlatformInstance.StartAsync(new InstanceSetup(new Dictionary<string, string>
        {
            // The charger would answer long after the restart below.
            ["ChargePoints:Simulator:DelayMilliseconds"] = "600000",
        }));
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC1", "E1"));
        await using var peer = await FakePeer.StartAsync();
        peer.Answer = r => r.Method == "POST" ? (200, null, 1000) : (200, new JsonArray(), 1000);
        var invitation = await cpo.InviteAsync("fake eMSP", "NL*CPO");
        using var registering = new OcpiClient((string)invitation["token"]!);
        var registered = await registering.PostAsync(cpo.Url + "/ocpi/2.2.1/credentials", peer.Credentials(FakePeer.NewToken()), Ct);
        using var asPeer = new OcpiClient((string)registered.Data!["token"]!);

        var accepted = await asPeer.SendAsync(HttpMethod.Post, cpo.Url + "/ocpi/2.2.1/receiver/commands/START_SESSION", new JsonObject
        {
            ["response_url"] = peer.Url + "/ocpi/2.2.1/commands/START_SESSION/1", ["token"] = Builders.Token("DE*FAK", "TOK1"),
            ["location_id"] = "LOC1", ["evse_uid"] = "E1",
        }, from: "DE*FAK", to: "NL*CPO", ct: Ct);
        Assert.True((string?)accepted.Data?["result"] == "ACCEPTED", accepted.ToString());
        await cpo.RestartAsync();

        await Scenario.Eventually(() => Task.FromResult(peer.Requests.Any(r => r.Path == "/ocpi/2.2.1/commands/START_SESSION/1")),
            "the command's result reaches the response_url after the restart");
        Assert.Equal("ACCEPTED", (string?)peer.Requests.First(r => r.Path == "/ocpi/2.2.1/commands/START_SESSION/1").Body?["result"]);
    }
}
