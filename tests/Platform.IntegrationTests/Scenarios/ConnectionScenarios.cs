using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// The life of a connection between real platform instances over HTTP: registration, token A's end, rotation,
/// unregistration, the audit trail, and a restart. The test learns the tokens each side holds by decrypting them
/// from its database with that instance's own keys.
/// </summary>
public sealed class ConnectionScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] CpoParties = ["NL*CPO"];
    private static readonly string[] MspParties = ["DE*MSP"];

    private static async Task<PlatformInstance> StartCpoAsync()
    {
        var cpo = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        return cpo;
    }

    private static async Task<PlatformInstance> StartMspAsync()
    {
        var msp = await PlatformInstance.StartAsync();
        await msp.CreatePartyAsync("DE", "MSP", "EMSP");
        return msp;
    }

    private static async Task<HttpStatusCode> GetCredentialsStatus(PlatformInstance at, string? token)
    {
        using var client = new OcpiClient(token);
        return (await client.GetAsync(at.Url + "/ocpi/2.2.1/credentials", Ct)).Status;
    }

    /// <summary>Both tokens of a link: the one the client calls the server with (C) and the reverse (B).</summary>
    private static async Task<(string ClientHolds, string ServerHolds)> TokensAsync(PlatformInstance server, PlatformInstance client, Link link) =>
        ((await client.HeldTokenAsync(link.ClientConnectionId))!, (await server.HeldTokenAsync(link.ServerConnectionId))!);

    [Fact]
    public async Task Connect_registers_both_sides_with_working_tokens_each_way()
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();

        var link = await PlatformInstance.ConnectAsync(cpo, CpoParties, msp, MspParties);

        var (c, b) = await TokensAsync(cpo, msp, link);
        Assert.Equal(HttpStatusCode.OK, await GetCredentialsStatus(cpo, c));
        Assert.Equal(HttpStatusCode.OK, await GetCredentialsStatus(msp, b));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetCredentialsStatus(cpo, b));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetCredentialsStatus(msp, c));
        var atMsp = await msp.ConnectionAsync(link.ClientConnectionId);
        Assert.Equal("NL", (string?)atMsp["remote_parties"]![0]!["country_code"]);
        Assert.Equal(cpo.VersionsUrl, (string?)atMsp["versions_url"]);
        var atCpo = await cpo.ConnectionAsync(link.ServerConnectionId);
        Assert.Equal("DE", (string?)atCpo["remote_parties"]![0]!["country_code"]);
        Assert.Equal(msp.VersionsUrl, (string?)atCpo["versions_url"]);
    }

    [Fact]
    public async Task Token_A_is_refused_once_registration_used_it()
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();
        var invitation = await cpo.InviteAsync("msp", "NL*CPO");
        var tokenA = (string)invitation["token"]!;
        var registered = await msp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = cpo.VersionsUrl, token = tokenA, parties = MspParties }, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        using var withA = new OcpiClient(tokenA);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withA.GetAsync(cpo.VersionsUrl, Ct)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withA.GetAsync(cpo.Url + "/ocpi/2.2.1", Ct)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withA.GetAsync(cpo.Url + "/ocpi/2.2.1/credentials", Ct)).Status);
        var again = await withA.PostAsync(cpo.Url + "/ocpi/2.2.1/credentials", new JsonObject
        {
            ["token"] = "another-token-b", ["url"] = msp.VersionsUrl,
            ["roles"] = new JsonArray(new JsonObject
            {
                ["role"] = "EMSP", ["party_id"] = "MSP", ["country_code"] = "DE", ["business_details"] = new JsonObject { ["name"] = "x" },
            }),
        }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
    }

    [Fact]
    public async Task An_expired_invitation_is_refused_and_the_connection_stays_pending()
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();
        var invitation = await cpo.InviteAsync("msp", "NL*CPO");
        var connectionId = (string)invitation["connection_id"]!;
        await cpo.ExpireTokensAsync(connectionId);

        var response = await msp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = cpo.VersionsUrl, token = (string)invitation["token"]!, parties = MspParties }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("401", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"], StringComparison.Ordinal);
        Assert.Equal("pending", (string?)(await cpo.ConnectionAsync(connectionId))["state"]);
        using var withA = new OcpiClient((string)invitation["token"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withA.GetAsync(cpo.VersionsUrl, Ct)).Status);
    }

    [Fact]
    public async Task A_third_platform_cannot_register_with_a_token_A_already_used()
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();
        await using var intruder = await PlatformInstance.StartAsync();
        await intruder.CreatePartyAsync("FR", "BAD", "EMSP");
        var invitation = await cpo.InviteAsync("msp", "NL*CPO");
        var tokenA = (string)invitation["token"]!;
        Assert.Equal(HttpStatusCode.Created, (await msp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = cpo.VersionsUrl, token = tokenA, parties = MspParties }, Ct)).StatusCode);

        var response = await intruder.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = cpo.VersionsUrl, token = tokenA, parties = new[] { "FR*BAD" } }, Ct);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var atCpo = await cpo.ConnectionAsync((string)invitation["connection_id"]!);
        Assert.Equal("registered", (string?)atCpo["state"]);
        Assert.Equal(msp.VersionsUrl, (string?)atCpo["versions_url"]);
        Assert.Equal("MSP", (string?)Assert.Single(atCpo["remote_parties"]!.AsArray())!["party_id"]);
        Assert.Single(JsonNode.Parse(await cpo.Admin.GetStringAsync("/admin/connections", Ct))!.AsArray());
        Assert.DoesNotContain(JsonNode.Parse(await intruder.Admin.GetStringAsync("/admin/connections", Ct))!.AsArray(),
            c => (string?)c!["state"] == "registered");
    }

    [Fact]
    public async Task Deleting_an_invitation_voids_its_token_A()
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();
        var invitation = await cpo.InviteAsync("msp", "NL*CPO");

        var deleted = await cpo.Admin.DeleteAsync($"/admin/connections/{invitation["connection_id"]}", Ct);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("unregistered", (string?)(await cpo.ConnectionAsync((string)invitation["connection_id"]!))["state"]);
        using var withA = new OcpiClient((string)invitation["token"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withA.GetAsync(cpo.VersionsUrl, Ct)).Status);
        var response = await msp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = cpo.VersionsUrl, token = (string)invitation["token"]!, parties = MspParties }, Ct);
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    public static TheoryData<string> Sides => ["client", "server"];

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Rotation_replaces_the_tokens_of_both_sides(string rotatingSide)
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();
        var link = await PlatformInstance.ConnectAsync(cpo, CpoParties, msp, MspParties);
        var (oldC, oldB) = await TokensAsync(cpo, msp, link);

        var (rotator, id) = rotatingSide == "client" ? (msp, link.ClientConnectionId) : (cpo, link.ServerConnectionId);
        var rotated = await rotator.Admin.PostAsync($"/admin/connections/{id}/rotate", null, Ct);
        Assert.True(rotated.StatusCode == HttpStatusCode.OK, await rotated.Content.ReadAsStringAsync(Ct));

        var (newC, newB) = await TokensAsync(cpo, msp, link);
        Assert.NotEqual(oldC, newC);
        Assert.NotEqual(oldB, newB);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetCredentialsStatus(cpo, oldC));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetCredentialsStatus(msp, oldB));
        Assert.Equal(HttpStatusCode.OK, await GetCredentialsStatus(cpo, newC));
        Assert.Equal(HttpStatusCode.OK, await GetCredentialsStatus(msp, newB));
        Assert.Equal("registered", (string?)(await cpo.ConnectionAsync(link.ServerConnectionId))["state"]);
        Assert.Equal("registered", (string?)(await msp.ConnectionAsync(link.ClientConnectionId))["state"]);

        // And again: the new tokens carry the next rotation too.
        var again = await rotator.Admin.PostAsync($"/admin/connections/{id}/rotate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Sides))]
    public async Task Unregistration_kills_every_token_and_leaves_both_sides_unregistered(string deletingSide)
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();
        var link = await PlatformInstance.ConnectAsync(cpo, CpoParties, msp, MspParties);
        var (c, b) = await TokensAsync(cpo, msp, link);

        var (deleter, id) = deletingSide == "client" ? (msp, link.ClientConnectionId) : (cpo, link.ServerConnectionId);
        var deleted = await deleter.Admin.DeleteAsync($"/admin/connections/{id}", Ct);
        Assert.True(deleted.StatusCode == HttpStatusCode.OK, await deleted.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, await GetCredentialsStatus(cpo, c));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetCredentialsStatus(msp, b));
        using (var withC = new OcpiClient(c)) Assert.Equal(HttpStatusCode.Unauthorized, (await withC.GetAsync(cpo.VersionsUrl, Ct)).Status);
        using (var withB = new OcpiClient(b)) Assert.Equal(HttpStatusCode.Unauthorized, (await withB.GetAsync(msp.VersionsUrl, Ct)).Status);
        Assert.Equal("unregistered", (string?)(await cpo.ConnectionAsync(link.ServerConnectionId))["state"]);
        Assert.Equal("unregistered", (string?)(await msp.ConnectionAsync(link.ClientConnectionId))["state"]);
        Assert.Null(await cpo.HeldTokenAsync(link.ServerConnectionId));
        Assert.Null(await msp.HeldTokenAsync(link.ClientConnectionId));
        // Neither side can call the other any more.
        Assert.Equal(HttpStatusCode.Conflict, (await cpo.Admin.PostAsync($"/admin/connections/{link.ServerConnectionId}/rotate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await msp.Admin.PostAsync($"/admin/connections/{link.ClientConnectionId}/rotate", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_audit_trail_names_who_rotated_and_who_unregistered_and_holds_no_token()
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();
        var invitation = await cpo.InviteAsync("msp", "NL*CPO");
        var tokenA = (string)invitation["token"]!;
        var registered = JsonNode.Parse(await (await msp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = cpo.VersionsUrl, token = tokenA, parties = MspParties }, Ct)).Content.ReadAsStringAsync(Ct))!;
        var link = new Link((string)invitation["connection_id"]!, (string)registered["id"]!);
        var (c1, b1) = await TokensAsync(cpo, msp, link);
        Assert.Equal(HttpStatusCode.OK, (await msp.Admin.PostAsync($"/admin/connections/{link.ClientConnectionId}/rotate", null, Ct)).StatusCode);
        var (c2, b2) = await TokensAsync(cpo, msp, link);
        Assert.Equal(HttpStatusCode.OK, (await cpo.Admin.DeleteAsync($"/admin/connections/{link.ServerConnectionId}", Ct)).StatusCode);

        var atMsp = await msp.ConnectionAsync(link.ClientConnectionId);
        var atCpo = await cpo.ConnectionAsync(link.ServerConnectionId);
        static List<(string? Actor, string? Action)> Trail(JsonObject connection) =>
            connection["audit"]!.AsArray().Select(e => ((string?)e!["actor"], (string?)e["action"])).ToList();
        Assert.Contains(("admin", "credentials rotated"), Trail(atMsp));
        Assert.Contains(("peer", "credentials updated by peer"), Trail(atCpo));
        Assert.Contains(("admin", "unregistered"), Trail(atCpo));
        Assert.Contains(("peer", "unregistered by peer"), Trail(atMsp));
        Assert.All(atMsp["audit"]!.AsArray().Concat(atCpo["audit"]!.AsArray()), e => Assert.NotNull((string?)e!["at"]));

        var views = atMsp.ToJsonString() + atCpo.ToJsonString() +
                    await msp.Admin.GetStringAsync("/admin/connections", Ct) + await cpo.Admin.GetStringAsync("/admin/connections", Ct);
        foreach (var token in new[] { tokenA, b1, c1, b2, c2 })
        foreach (var form in PlatformInspection.Forms(token))
            Assert.DoesNotContain(form, views, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_survives_a_restart_of_both_platforms()
    {
        await using var cpo = await StartCpoAsync();
        await using var msp = await StartMspAsync();
        var link = await PlatformInstance.ConnectAsync(cpo, CpoParties, msp, MspParties);
        var (c, b) = await TokensAsync(cpo, msp, link);
        var (cpoUrl, mspUrl) = (cpo.Url, msp.Url);

        var linesBefore = cpo.Log.Lines.Count;
        await cpo.StopAsync();
        using (var withC = new OcpiClient(c))
            await Assert.ThrowsAsync<HttpRequestException>(() => withC.GetAsync(cpoUrl + "/ocpi/versions", Ct));
        await cpo.RestartAsync();
        await msp.RestartAsync();

        Assert.Equal(cpoUrl, cpo.Url);
        Assert.Equal(mspUrl, msp.Url);
        Assert.Equal(HttpStatusCode.OK, await GetCredentialsStatus(cpo, c));
        Assert.Equal(HttpStatusCode.OK, await GetCredentialsStatus(msp, b));
        // The tokens each holds were decrypted with the keys the restarted host read back from its database.
        Assert.Equal(HttpStatusCode.OK, (await msp.Admin.PostAsync($"/admin/connections/{link.ClientConnectionId}/rotate", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cpo.Admin.PostAsync($"/admin/connections/{link.ServerConnectionId}/rotate", null, Ct)).StatusCode);
        Assert.True(cpo.Log.Lines.Count > linesBefore, "the restarted host logs to the same CapturedLog");
    }
}
