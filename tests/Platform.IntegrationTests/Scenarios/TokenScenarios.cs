using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>An eMSP instance and two CPO instances: token push, and the CPO's whitelist and real-time authorization.</summary>
public sealed class TokenScenarios(TokenScenarios.Network net) : IClassFixture<TokenScenarios.Network>
{
    public sealed class Network : IAsyncLifetime
    {
        public PlatformInstance Emsp { get; private set; } = null!;
        public PlatformInstance Cpo1 { get; private set; } = null!;
        public PlatformInstance Cpo2 { get; private set; } = null!;
        public Link ToCpo1 { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            (Emsp, Cpo1, Cpo2) = (await PlatformInstance.StartAsync(), await PlatformInstance.StartAsync(), await PlatformInstance.StartAsync());
            await Emsp.CreatePartyAsync("DE", "MSP", "EMSP");
            await Cpo1.CreatePartyAsync("NL", "CP1", "CPO");
            await Cpo2.CreatePartyAsync("NL", "CP2", "CPO");
            ToCpo1 = await PlatformInstance.ConnectAsync(Cpo1, ["NL*CP1"], Emsp, ["DE*MSP"]);
            await PlatformInstance.ConnectAsync(Cpo2, ["NL*CP2"], Emsp, ["DE*MSP"]);
        }

        public async ValueTask DisposeAsync()
        {
            await Emsp.DisposeAsync();
            await Cpo1.DisposeAsync();
            await Cpo2.DisposeAsync();
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<bool> Cached(PlatformInstance cpo, string party, string uid, Func<JsonNode, bool>? state = null) =>
        (await cpo.CachedTokensAsync(party)).Any(t => (string?)t!["uid"] == uid && (state is null || state(t)));

    private async Task IssueEverywhereAsync(JsonObject token)
    {
        await net.Emsp.IssueTokenAsync("DE*MSP", token);
        var uid = (string)token["uid"]!;
        var valid = (bool)token["valid"]!;
        await Scenario.Eventually(async () => await Cached(net.Cpo1, "NL*CP1", uid, t => (bool)t["valid"]! == valid)
            && await Cached(net.Cpo2, "NL*CP2", uid, t => (bool)t["valid"]! == valid), $"token {uid} reaches both CPOs");
    }

    [Fact]
    public async Task Tokens_pushed_by_the_emsp_reach_both_cpos_and_a_patch_follows()
    {
        await IssueEverywhereAsync(Builders.Token("DE*MSP", "PUSH-1"));
        await net.Emsp.IssueTokenAsync("DE*MSP", new JsonObject { ["valid"] = false, ["last_updated"] = Builders.Now, ["uid"] = "PUSH-1" }, patch: true);
        await Scenario.Eventually(async () => await Cached(net.Cpo1, "NL*CP1", "PUSH-1", t => (bool)t["valid"]! == false)
            && await Cached(net.Cpo2, "NL*CP2", "PUSH-1", t => (bool)t["valid"]! == false), "valid=false reaches both CPOs");
    }

    [Fact]
    public async Task A_whitelist_never_token_is_authorized_in_real_time_even_when_the_cache_says_invalid()
    {
        await IssueEverywhereAsync(Builders.Token("DE*MSP", "NEVER-1", whitelist: "NEVER", valid: false));
        // The eMSP changes its mind; the CPO's cache may not know yet, and must not matter for a NEVER token (K3).
        await net.Emsp.IssueTokenAsync("DE*MSP", Builders.Token("DE*MSP", "NEVER-1", whitelist: "NEVER", valid: true));
        var decision = await net.Cpo1.AuthorizeAsync("NL*CP1", new { uid = "NEVER-1", location_id = "LOC1", evse_uids = new[] { "EVSE1" } });
        Assert.Equal("ALLOWED", (string?)decision["allowed"]);
        Assert.Equal("real-time", (string?)decision["decided_by"]);
        Assert.False(string.IsNullOrEmpty((string?)decision["authorization_reference"]));
        Assert.Contains(net.Cpo1.Log.Lines, l => l.StartsWith("Peer call") && l.Contains("/ocpi/2.2.1/sender/tokens/NEVER-1/authorize"));
    }

    [Fact]
    public async Task An_always_token_is_decided_from_the_cache_without_asking_the_emsp()
    {
        await IssueEverywhereAsync(Builders.Token("DE*MSP", "ALWAYS-1", whitelist: "ALWAYS"));
        var decision = await net.Cpo2.AuthorizeAsync("NL*CP2", new { uid = "ALWAYS-1" });
        Assert.Equal("ALLOWED", (string?)decision["allowed"]);
        Assert.Equal("whitelist", (string?)decision["decided_by"]);
        Assert.DoesNotContain(net.Cpo2.Log.Lines, l => l.StartsWith("Peer call") && l.Contains("ALWAYS-1/authorize"));
    }

    [Fact]
    public async Task An_unknown_token_is_404_with_2004_at_the_emsp_and_not_allowed_at_the_cpo()
    {
        using var asCpo = new OcpiClient(await net.Cpo1.HeldTokenAsync(net.ToCpo1.ServerConnectionId));
        var answer = await asCpo.SendAsync(HttpMethod.Post, net.Emsp.Url + "/ocpi/2.2.1/sender/tokens/NO-SUCH-TOKEN/authorize?type=RFID", ct: Ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(2004, answer.StatusCode);
        Assert.Null(answer.Data);

        var decision = await net.Cpo1.AuthorizeAsync("NL*CP1", new { uid = "NO-SUCH-TOKEN", country_code = "DE", party_id = "MSP" });
        Assert.Equal("NOT_ALLOWED", (string?)decision["allowed"]);
        Assert.Equal("real-time", (string?)decision["decided_by"]);
    }

    [Fact]
    public async Task Authorize_without_the_location_a_never_token_needs_is_2002_and_with_it_answers_the_full_token()
    {
        await IssueEverywhereAsync(Builders.Token("DE*MSP", "NEVER-2", whitelist: "NEVER"));
        using var asCpo = new OcpiClient(await net.Cpo1.HeldTokenAsync(net.ToCpo1.ServerConnectionId));
        var url = net.Emsp.Url + "/ocpi/2.2.1/sender/tokens/NEVER-2/authorize";
        Assert.Equal(2002, (await asCpo.SendAsync(HttpMethod.Post, url, ct: Ct)).StatusCode);

        var answer = await asCpo.SendAsync(HttpMethod.Post, url, new { location_id = "LOC1", evse_uids = new[] { "E1" } }, ct: Ct);
        Assert.Equal(1000, answer.StatusCode);
        Assert.Equal("ALLOWED", (string?)answer.Data!["allowed"]);
        Assert.Equal("NEVER-2", (string?)answer.Data["token"]!["uid"]);
        Assert.Equal("DE-MSP-NEVER-2", (string?)answer.Data["token"]!["contract_id"]);
    }

    [Fact]
    public async Task Authorize_answers_only_the_asked_evses_the_emsp_holds_and_that_are_not_removed()
    {
        await IssueEverywhereAsync(Builders.Token("DE*MSP", "NEVER-3", whitelist: "NEVER"));
        var location = Builders.Location("NL", "CP1", "LOC-AUTH", "E1", "E2", "E3");
        location["evses"]![1]!["status"] = "REMOVED";
        await net.Cpo1.PublishLocationAsync("NL*CP1", location);
        await Scenario.Eventually(async () => await net.Emsp.ReceivedEvseStatusAsync("DE*MSP", "LOC-AUTH", "E2") == "REMOVED", "the eMSP holds the location");
        using var asCpo = new OcpiClient(await net.Cpo1.HeldTokenAsync(net.ToCpo1.ServerConnectionId));

        var answer = await asCpo.SendAsync(HttpMethod.Post, net.Emsp.Url + "/ocpi/2.2.1/sender/tokens/NEVER-3/authorize",
            new { location_id = "LOC-AUTH", evse_uids = new[] { "e1", "E2", "E3", "E9" } }, ct: Ct);

        Assert.Equal(1000, answer.StatusCode);
        Assert.Equal("LOC-AUTH", (string?)answer.Data!["location"]!["location_id"]);
        Assert.Equal(["e1", "E3"], answer.Data["location"]!["evse_uids"]!.AsArray().Select(u => (string?)u));
    }

    [Fact]
    public async Task Type_is_part_of_the_key_and_defaults_to_rfid()
    {
        await IssueEverywhereAsync(Builders.Token("DE*MSP", "SAME-UID"));
        await net.Emsp.IssueTokenAsync("DE*MSP", Builders.Token("DE*MSP", "SAME-UID", type: "APP_USER", valid: false), type: "APP_USER");
        await Scenario.Eventually(async () => (await net.Cpo1.CachedTokensAsync("NL*CP1")).Count(t => (string?)t!["uid"] == "SAME-UID") == 2,
            "both tokens with the same uid are held apart");
        using var asCpo = new OcpiClient(await net.Cpo1.HeldTokenAsync(net.ToCpo1.ServerConnectionId));
        var rfid = await asCpo.SendAsync(HttpMethod.Post, net.Emsp.Url + "/ocpi/2.2.1/sender/tokens/SAME-UID/authorize", ct: Ct);
        Assert.Equal("ALLOWED", (string?)rfid.Data!["allowed"]);
        var app = await asCpo.SendAsync(HttpMethod.Post, net.Emsp.Url + "/ocpi/2.2.1/sender/tokens/SAME-UID/authorize?type=APP_USER", ct: Ct);
        Assert.Equal("BLOCKED", (string?)app.Data!["allowed"]);
    }
}
