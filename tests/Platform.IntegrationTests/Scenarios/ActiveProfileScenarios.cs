using System.Net;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>An ActiveChargingProfile is taken only from the CPO of the session it names.</summary>
public sealed class ActiveProfileScenarios
{
    [Fact]
    public async Task Only_the_cpo_of_a_session_may_put_its_active_charging_profile()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, link) = pair;
        await using var other = await PlatformInstance.StartAsync();
        await other.CreatePartyAsync("FR", "CPX", "CPO");
        var otherLink = await PlatformInstance.ConnectAsync(other, ["FR*CPX"], emsp, ["DE*MSP"]);
        await cpo.FeedSessionAsync("NL*CPO", Builders.Session("NL*CPO", "S1", "DE*MSP"));
        await Scenario.Eventually(async () => (await emsp.ReceivedIdsAsync("DE*MSP", "sessions")).Contains("S1"), "S1 reaches the eMSP");

        var profile = new
        {
            start_date_time = "2099-01-01T00:00:00Z",
            charging_profile = new { charging_rate_unit = "A", charging_profile_period = new[] { new { start_period = 0, limit = 6 } } },
        };
        var url = emsp.Url + "/ocpi/2.2.1/sender/chargingprofiles/S1";
        using var asOther = new OcpiClient(await other.HeldTokenAsync(otherLink.ServerConnectionId));
        Assert.Equal(HttpStatusCode.NotFound, (await asOther.SendAsync(HttpMethod.Put, url, profile, ct: ct)).Status);
        using var asCpo = new OcpiClient(await cpo.HeldTokenAsync(link.ServerConnectionId));
        Assert.Equal(HttpStatusCode.OK, (await asCpo.SendAsync(HttpMethod.Put, url, profile, ct: ct)).Status);
    }
}
