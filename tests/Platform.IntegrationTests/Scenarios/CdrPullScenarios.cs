using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// A hosted eMSP pulls CDRs from an outside CPO. A pulled CDR is kept once and never replaced, so it must be stored
/// together with its audit: a CDR left without one would never be audited on a later pull.
/// </summary>
public sealed class CdrPullScenarios
{
    private const string Emsp = "DE*MSP";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pulled_CDR_whose_audit_cannot_be_written_is_not_stored_and_is_audited_on_the_next_pull()
    {
        await using var platform = await PlatformInstance.StartAsync();
        await platform.CreatePartyAsync("DE", "MSP", "EMSP");
        await using var cpo = await FakePeer.StartAsync();
        cpo.Party = ("CPO", "NL", "FCP");
        cpo.Modules.Add(("cdrs", "SENDER"));
        var listed = new JsonArray();
        cpo.Answer = r => r.Method == "GET" && r.Path.EndsWith("/cdrs", StringComparison.Ordinal) ? (200, listed, 1000) : null;
        var connectionId = await platform.ConnectAsync(cpo, "cpo with cdrs", Emsp);

        // The audit store fails once the CDR row is written: the pull must not keep the CDR without its audit.
        await platform.ExecuteSqlAsync("CREATE TRIGGER audit_down BEFORE INSERT ON cdr_audits BEGIN SELECT RAISE(ABORT, 'audit store down'); END");
        listed.Add(Builders.Cdr("NL*FCP", "PULL1", Emsp));
        await ResyncAsync(platform, connectionId);
        await Scenario.Eventually(() => Task.FromResult(platform.Log.Lines.Any(l => l.Contains("PULL1", StringComparison.Ordinal)
                && l.Contains("could not be stored", StringComparison.Ordinal) && l.Contains("audit store down", StringComparison.Ordinal))),
            "the pull met the failing audit store and said which CDR it could not keep");
        Assert.Empty(await platform.ReceivedIdsAsync(Emsp, "cdrs"));

        await platform.ExecuteSqlAsync("DROP TRIGGER audit_down");
        await ResyncAsync(platform, connectionId);
        JsonNode? audit = null;
        await Scenario.Eventually(async () =>
        {
            var cdrs = JsonNode.Parse(await platform.Admin.GetStringAsync("/admin/parties/DE/MSP/emsp/cdrs", Ct))!.AsArray();
            audit = cdrs.SingleOrDefault(c => (string?)c!["id"] == "PULL1")?["audit"];
            return audit is not null;
        }, "PULL1 is stored with its audit");
        Assert.NotNull((string?)audit!["result"]);
    }

    private static async Task ResyncAsync(PlatformInstance platform, string connectionId)
    {
        var status = await platform.ResyncAsync(connectionId, full: true);
        Assert.True((int)status is >= 200 and < 300, $"resync answered {(int)status}");
    }
}
