using System.Net;
using System.Net.Http.Json;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

/// <summary>
/// The tokens and HubClientInfo endpoints refuse callers without credentials, parties outside the caller's
/// connection, and (ClientInfo) any connection that is not to a Hub.
/// </summary>
public sealed class TokenAndHubIsolationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tokens_and_client_info_are_refused_to_strangers_and_to_parties_outside_the_connection()
    {
        await using var cpos = await PlatformInstance.StartAsync();
        await using var emsps = await PlatformInstance.StartAsync();
        await cpos.CreatePartyAsync("NL", "CP1", "CPO");
        await cpos.CreatePartyAsync("NL", "CP2", "CPO");
        await emsps.CreatePartyAsync("DE", "MS1", "EMSP");
        await emsps.CreatePartyAsync("DE", "MS2", "EMSP");
        var link = await PlatformInstance.ConnectAsync(cpos, ["NL*CP1"], emsps, ["DE*MS1"]);
        await emsps.IssueTokenAsync("DE*MS2", Builders.Token("DE*MS2", "OTHER-1"));
        using var asEmsp = new OcpiClient(await emsps.HeldTokenAsync(link.ClientConnectionId));
        using var asCpo = new OcpiClient(await cpos.HeldTokenAsync(link.ServerConnectionId));
        using var anonymous = new OcpiClient();
        var receiver = cpos.Url + "/ocpi/2.2.1/receiver/tokens/DE/MS1/T1";

        // No credentials: 401 on every tokens and ClientInfo route.
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, emsps.Url + "/ocpi/2.2.1/sender/tokens"),
                     (HttpMethod.Post, emsps.Url + "/ocpi/2.2.1/sender/tokens/OTHER-1/authorize"),
                     (HttpMethod.Put, receiver),
                     (HttpMethod.Get, receiver),
                     (HttpMethod.Put, cpos.Url + "/ocpi/2.2.1/receiver/hubclientinfo/DE/MS1"),
                 })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(method, url, method == HttpMethod.Get ? null : new { }, ct: Ct)).Status);

        // A hosted party outside the connection cannot be addressed, as receiver or as token owner.
        var toOtherCpo = await asEmsp.SendAsync(HttpMethod.Put, receiver, Builders.Token("DE*MS1", "T1"), from: "DE*MS1", to: "NL*CP2", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, toOtherCpo.Status);
        var otherOwner = await asEmsp.SendAsync(HttpMethod.Put, cpos.Url + "/ocpi/2.2.1/receiver/tokens/DE/MS2/T1", Builders.Token("DE*MS2", "T1"),
            from: "DE*MS1", to: "NL*CP1", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, otherOwner.Status);
        Assert.Empty(await cpos.CachedTokensAsync("NL*CP2"));

        // The other eMSP's tokens are neither listed nor authorized over this connection.
        var askOther = await asCpo.SendAsync(HttpMethod.Post, emsps.Url + "/ocpi/2.2.1/sender/tokens/OTHER-1/authorize", from: "NL*CP1", to: "DE*MS2", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, askOther.Status);
        var asked = await asCpo.SendAsync(HttpMethod.Post, emsps.Url + "/ocpi/2.2.1/sender/tokens/OTHER-1/authorize", from: "NL*CP1", to: "DE*MS1", ct: Ct);
        Assert.Equal(2004, asked.StatusCode);
        var list = await asCpo.SendAsync(HttpMethod.Get, emsps.Url + "/ocpi/2.2.1/sender/tokens", from: "NL*CP1", to: "DE*MS1", ct: Ct);
        Assert.DoesNotContain("OTHER-1", list.Body);

        // ClientInfo comes only from a Hub.
        var info = new { country_code = "FR", party_id = "XXX", role = "EMSP", status = "CONNECTED", last_updated = Builders.Now };
        var notHub = await asEmsp.SendAsync(HttpMethod.Put, cpos.Url + "/ocpi/2.2.1/receiver/hubclientinfo/FR/XXX", info, ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, notHub.Status);
        Assert.DoesNotContain((await cpos.ConnectionAsync(link.ServerConnectionId))["remote_parties"]!.AsArray(), r => (string?)r!["party_id"] == "XXX");

        // The back office of tokens and authorization needs the admin key.
        using var noKey = new HttpClient { BaseAddress = new Uri(cpos.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.GetAsync("/admin/parties/NL/CP1/cpo/tokens", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.PostAsJsonAsync("/admin/parties/NL/CP1/cpo/authorize", new { uid = "T1" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await noKey.PutAsJsonAsync("/admin/parties/DE/MS1/emsp/tokens/T1", Builders.Token("DE*MS1", "T1"), Ct)).StatusCode);
        // And a party without the role is not a tokens tenant.
        Assert.Equal(HttpStatusCode.NotFound, (await cpos.Admin.GetAsync("/admin/parties/NL/CP1/emsp/tokens", Ct)).StatusCode);
    }
}
