using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>Whitelist fallbacks while the eMSP cannot be reached (2.2.1 mod_tokens WhitelistType, K3).</summary>
public sealed class TokenOutageScenarios
{
    [Fact]
    public async Task With_the_emsp_down_allowed_offline_falls_back_on_the_cache_and_never_is_not_allowed()
    {
        await using var emsp = await PlatformInstance.StartAsync();
        await using var cpo = await PlatformInstance.StartAsync();
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], emsp, ["DE*MSP"]);
        await emsp.IssueTokenAsync("DE*MSP", Builders.Token("DE*MSP", "OFFLINE-1", whitelist: "ALLOWED_OFFLINE"));
        await emsp.IssueTokenAsync("DE*MSP", Builders.Token("DE*MSP", "NEVER-1", whitelist: "NEVER"));
        await Scenario.Eventually(async () => (await cpo.CachedTokensAsync("NL*CPO")).Count == 2, "both tokens reach the CPO");

        var online = await cpo.AuthorizeAsync("NL*CPO", new { uid = "OFFLINE-1" });
        Assert.Equal("real-time", (string?)online["decided_by"]);

        await emsp.StopAsync();
        var offline = await cpo.AuthorizeAsync("NL*CPO", new { uid = "OFFLINE-1" });
        Assert.Equal("ALLOWED", (string?)offline["allowed"]);
        Assert.Equal("whitelist (eMSP unreachable)", (string?)offline["decided_by"]);
        var never = await cpo.AuthorizeAsync("NL*CPO", new { uid = "NEVER-1", location_id = "LOC1" });
        Assert.Equal("NOT_ALLOWED", (string?)never["allowed"]);
    }

    [Fact]
    public async Task A_hosted_cpo_authorizes_a_token_of_a_hosted_emsp_in_process()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        await platform.CreatePartyAsync("NL", "MSP", "EMSP");
        await platform.ConnectInternallyAsync("NL*CPO", "NL*MSP");
        await platform.IssueTokenAsync("NL*MSP", Builders.Token("NL*MSP", "NEVER-1", whitelist: "NEVER"));
        await Scenario.Eventually(async () => (await platform.CachedTokensAsync("NL*CPO")).Count == 1, "the token reaches the hosted CPO");
        var decision = await platform.AuthorizeAsync("NL*CPO", new { uid = "NEVER-1", location_id = "LOC1" });
        Assert.Equal("ALLOWED", (string?)decision["allowed"]);
        Assert.Equal("real-time", (string?)decision["decided_by"]);
    }
}
