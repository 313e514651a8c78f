using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// No credentials token, plain or Base64, in any table of the database or any log line, whichever side of a
/// handshake or rotation the platform was on.
/// </summary>
public sealed class TokenHygieneScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertNoTokenAnywhereAsync(IEnumerable<PlatformInstance> instances, IReadOnlyCollection<string> tokens)
    {
        Assert.All(tokens, t => Assert.True(t.Length >= 20, $"'{t}' is not a real token"));
        foreach (var instance in instances)
        {
            var database = await instance.DumpDatabaseAsync();
            Assert.Contains("credentials_tokens:", database, StringComparison.Ordinal);
            var log = instance.Log.Text;
            Assert.NotEmpty(log);
            foreach (var token in tokens)
            foreach (var form in PlatformInspection.Forms(token))
            {
                Assert.False(database.Contains(form, StringComparison.Ordinal), $"a token is in the database of {instance.Url}");
                Assert.False(log.Contains(form, StringComparison.Ordinal), $"a token is in the log of {instance.Url}");
            }
        }
    }

    [Fact]
    public async Task After_handshake_and_rotations_between_two_platforms_no_token_is_in_either_database_or_log()
    {
        await using var cpo = await PlatformInstance.StartAsync();
        await using var msp = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await msp.CreatePartyAsync("DE", "MSP", "EMSP");
        var invitation = await cpo.InviteAsync("msp", "NL*CPO");
        var registered = await msp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = cpo.VersionsUrl, token = (string)invitation["token"]!, parties = new[] { "DE*MSP" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var link = new Link((string)invitation["connection_id"]!, (string)JsonNode.Parse(await registered.Content.ReadAsStringAsync(Ct))!["id"]!);

        var tokens = new List<string> { (string)invitation["token"]! };
        async Task Learn()
        {
            tokens.Add((await msp.HeldTokenAsync(link.ClientConnectionId))!);
            tokens.Add((await cpo.HeldTokenAsync(link.ServerConnectionId))!);
        }
        await Learn();
        Assert.Equal(HttpStatusCode.OK, (await msp.Admin.PostAsync($"/admin/connections/{link.ClientConnectionId}/rotate", null, Ct)).StatusCode);
        await Learn();
        Assert.Equal(HttpStatusCode.OK, (await cpo.Admin.PostAsync($"/admin/connections/{link.ServerConnectionId}/rotate", null, Ct)).StatusCode);
        await Learn();
        Assert.Equal(7, tokens.Distinct().Count());

        await AssertNoTokenAnywhereAsync([cpo, msp], tokens);
    }

    [Fact]
    public async Task Tokens_a_peer_knows_from_the_wire_are_in_neither_the_database_nor_the_log()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await using var peer = await FakePeer.StartAsync();
        await platform.CreatePartyAsync("NL", "CPO", "CPO");
        var credentialsUrl = platform.Url + "/ocpi/2.2.1/credentials";
        var tokens = new List<string>();

        // The peer registers with us: A (ours), B (its), C (ours).
        var invitation = await platform.InviteAsync("peer", "NL*CPO");
        var a = (string)invitation["token"]!;
        var b = FakePeer.NewToken();
        using var client = new OcpiClient(a);
        var registration = await client.PostAsync(credentialsUrl, peer.Credentials(b), Ct);
        Assert.True(registration.StatusCode == 1000, registration.ToString());
        var c = (string)registration.Data!["token"]!;
        tokens.AddRange([a, b, c]);

        // It rotates (B2, C2); then we rotate (C3 in our PUT, B3 in its answer).
        var b2 = FakePeer.NewToken();
        client.Token = c;
        var update = await client.PutAsync(credentialsUrl, peer.Credentials(b2), Ct);
        Assert.True(update.StatusCode == 1000, update.ToString());
        tokens.AddRange([b2, (string)update.Data!["token"]!]);
        Assert.Equal(HttpStatusCode.OK, (await platform.Admin.PostAsync($"/admin/connections/{invitation["connection_id"]}/rotate", null, Ct)).StatusCode);
        tokens.Add((string)Assert.Single(peer.Requests, r => r.Method == "PUT").Body!["token"]!);
        tokens.Add(peer.IssuedTokens[^1]);

        // We register with another peer endpoint: its A, our B in the POST, its C in the answer.
        var theirA = FakePeer.NewToken();
        var connect = await platform.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "peer 2", versions_url = peer.VersionsUrl, token = theirA, parties = new[] { "NL*CPO" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, connect.StatusCode);
        tokens.AddRange([theirA, (string)Assert.Single(peer.Requests, r => r.Method == "POST").Body!["token"]!, peer.IssuedTokens[^1]]);

        Assert.Equal(10, tokens.Distinct().Count());
        await AssertNoTokenAnywhereAsync([platform], tokens);
    }
}
