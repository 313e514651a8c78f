using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>Two platforms register with each other through their admin APIs, over real HTTP.</summary>
public sealed class HandshakeScenarios
{
    [Fact]
    public async Task Registration_both_ways_leaves_no_plain_token_in_either_database_or_log()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cpo = await PlatformInstance.StartAsync();
        await using var emsp = await PlatformInstance.StartAsync();
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");

        var invitation = JsonNode.Parse(await (await cpo.Admin.PostAsJsonAsync("/admin/connections/invitations",
            new { name = "emsp", parties = new[] { "NL*CPO" }, expires_in_hours = 1 }, ct)).Content.ReadAsStringAsync(ct))!;
        var tokenA = (string)invitation["token"]!;
        var registered = await emsp.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "cpo", versions_url = (string)invitation["versions_url"]!, token = tokenA, parties = new[] { "DE*MSP" } }, ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var connection = JsonNode.Parse(await registered.Content.ReadAsStringAsync(ct))!;
        Assert.Equal("registered", (string)connection["state"]!);
        Assert.Equal("NL", (string)connection["remote_parties"]![0]!["country_code"]!);

        var atCpo = JsonNode.Parse(await cpo.Admin.GetStringAsync($"/admin/connections/{invitation["connection_id"]}", ct))!;
        Assert.Equal("registered", (string)atCpo["state"]!);
        Assert.Equal("DE", (string)atCpo["remote_parties"]![0]!["country_code"]!);

        // Token A died with the registration.
        using var versions = new HttpRequestMessage(HttpMethod.Get, (string)invitation["versions_url"]!);
        versions.Headers.TryAddWithoutValidation("Authorization", "Token " + Convert.ToBase64String(Encoding.UTF8.GetBytes(tokenA)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient().SendAsync(versions, ct)).StatusCode);

        foreach (var instance in new[] { cpo, emsp })
        {
            await using var db = new SqliteConnection($"Data Source={instance.DatabaseFile}");
            var dump = string.Join('\n', (await db.QueryAsync<string>(
                "SELECT COALESCE(outbound_token, '') || ' ' || COALESCE(endpoints, '') FROM connections")).Concat(
                await db.QueryAsync<string>("SELECT lookup FROM credentials_tokens")));
            Assert.DoesNotContain(tokenA, dump);
            Assert.DoesNotContain(tokenA, instance.Log.Text);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(tokenA)), instance.Log.Text);
        }
    }
}
