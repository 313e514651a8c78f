using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.Api.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

/// <summary>
/// A running platform hears what another node sharing its database changed, without a restart and without this node's
/// own change: the watch reads the shared counters in the background. The other node is played by SQL on the file,
/// writing what a node writes: the change and the counter's move, in one transaction.
/// </summary>
public sealed class SharedCacheScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Well under the routing views' backstop lifetime (a minute): only the watch can make these pass in time.
    private const int HeardWithinSeconds = 30;

    [Fact]
    public async Task A_suspension_a_resumption_and_a_revocation_made_by_another_node_are_heard_by_the_running_platform()
    {
        await using var cpos = await PlatformInstance.StartAsync();
        await using var emsps = await PlatformInstance.StartAsync();
        await cpos.CreatePartyAsync("NL", "CP1", "CPO");
        await emsps.CreatePartyAsync("DE", "MS1", "EMSP");
        var link = await PlatformInstance.ConnectAsync(cpos, ["NL*CP1"], emsps, ["DE*MS1"]);
        using var asCpo = new OcpiClient(await cpos.HeldTokenAsync(link.ServerConnectionId));
        var tokens = emsps.Url + "/ocpi/2.2.1/sender/tokens";
        Task<OcpiAnswer> ListAsync() => asCpo.SendAsync(HttpMethod.Get, tokens, from: "NL*CP1", to: "DE*MS1", ct: Ct);
        // Both caches now hold this connection: its token and its routing view.
        Assert.Equal(1000, (await ListAsync()).StatusCode);

        await OtherNodeAsync(emsps, ConnectionRoutingCache.GenerationName,
            "UPDATE connections SET state = 'suspended' WHERE id = @Id", link.ClientConnectionId);
        await Scenario.Eventually(async () => await ListAsync() is { Status: HttpStatusCode.Unauthorized } answer
            && answer.Body.Contains("suspended", StringComparison.Ordinal), "the suspension is heard", HeardWithinSeconds);

        await OtherNodeAsync(emsps, ConnectionRoutingCache.GenerationName,
            "UPDATE connections SET state = 'registered' WHERE id = @Id", link.ClientConnectionId);
        await Scenario.Eventually(async () => (await ListAsync()).StatusCode == 1000, "the resumption is heard", HeardWithinSeconds);

        await OtherNodeAsync(emsps, CredentialsTokenCache.GenerationName,
            "UPDATE credentials_tokens SET revoked_at = CURRENT_TIMESTAMP WHERE connection_id = @Id AND revoked_at IS NULL", link.ClientConnectionId);
        await Scenario.Eventually(async () => await ListAsync() is { Status: HttpStatusCode.Unauthorized } answer
            && !answer.Body.Contains("suspended", StringComparison.Ordinal), "the revocation is heard", HeardWithinSeconds);
    }

    private static async Task OtherNodeAsync(PlatformInstance platform, string generation, string change, string connectionId)
    {
        await using var db = new SqliteConnection($"Data Source={platform.DatabaseFile}");
        await db.OpenAsync(Ct);
        await using var transaction = await db.BeginTransactionAsync(Ct);
        Assert.Equal(1, await db.ExecuteAsync(change, new { Id = connectionId }, transaction));
        Assert.Equal(1, await db.ExecuteAsync("UPDATE cache_generations SET generation = generation + 1 WHERE name = @Name",
            new { Name = generation }, transaction));
        await transaction.CommitAsync(Ct);
    }
}
