using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Tenancy;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// An eMSP pulls through a Hub (issue 14, item 6): GET All via Hub (digest §2.6), one paged GET per module with
/// OCPI-to = the Hub instead of one per party behind it; per party only when the Hub refuses that form, with the
/// reason shown among the connection's problems. A complete full pull removes what a party stopped listing, for the
/// tenant that pulled only; a pull the Hub cuts short removes nothing. Two CPO parties (NL*CPO, NL*CP2) on one
/// platform and the eMSP DE*MSP on another, all behind the test project's <see cref="TestHub"/>.
/// </summary>
public sealed class HubPullScenarios
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record HubNet(TestHub Hub, PlatformInstance Cpo, PlatformInstance Emsp, string EmspAtHub) : IAsyncDisposable
    {
        public static async Task<HubNet> StartAsync(Action<TestHub>? configure = null)
        {
            var hub = await TestHub.StartAsync();
            configure?.Invoke(hub);
            var cpo = await PlatformInstance.StartAsync();
            var emsp = await PlatformInstance.StartAsync();
            await cpo.CreatePartyAsync("NL", "CPO", "CPO");
            await cpo.CreatePartyAsync("NL", "CP2", "CPO");
            await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
            var cpoAtHub = await cpo.RegisterWithHubAsync(hub, "NL*CPO", "NL*CP2");
            var emspAtHub = await emsp.RegisterWithHubAsync(hub, "DE*MSP");
            await WaitForClientsAsync(cpo, cpoAtHub, "DE*MSP");
            await WaitForClientsAsync(emsp, emspAtHub, "NL*CPO", "NL*CP2");
            return new HubNet(hub, cpo, emsp, emspAtHub);
        }

        /// <summary>Each CPO party publishes a location, pushed to DE*MSP through the Hub.</summary>
        public async Task PublishAsync(params (string Party, string Id)[] locations)
        {
            foreach (var (party, id) in locations)
            {
                var (cc, pid) = (party.Split('*')[0], party.Split('*')[1]);
                await Cpo.PublishLocationAsync(party, Builders.Location(cc, pid, id, "EVSE1"));
            }
            await Scenario.Eventually(async () => (await Emsp.ReceivedIdsAsync("DE*MSP", "locations")).Count >= locations.Length,
                "DE*MSP holds every published location");
        }

        /// <summary>The CPO loses a location without telling anyone: from now on its Sender no longer lists it.</summary>
        public async Task ForgetAtSourceAsync(string party, string id)
        {
            await using var scope = Cpo.Services.CreateAsyncScope();
            var (cc, pid) = (party.Split('*')[0], party.Split('*')[1]);
            var owner = await scope.ServiceProvider.GetRequiredService<PartyStore>().FindAsync(cc, pid, Ct);
            var deleted = await scope.ServiceProvider.GetRequiredService<OcpiObjectStore>()
                .DeleteAsync(new ObjectScope("locations", owner!.Id, ObjectSide.Own), PartyKey.Of(cc, pid), id, Ct);
            Assert.True(deleted, $"{id} was held by {party}");
        }

        /// <summary>The log lines of DE*MSP's pulls of locations through the Hub in one GET All.</summary>
        public IReadOnlyList<string> GetAllPulls(string outcome) => Emsp.Log.Lines
            .Where(l => l.StartsWith("Resync of", StringComparison.Ordinal) && l.Contains("locations", StringComparison.Ordinal)
                && l.Contains("GET All via Hub", StringComparison.Ordinal)
                && l.Contains("DE*MSP", StringComparison.Ordinal) && l.Contains(outcome, StringComparison.Ordinal))
            .ToList();

        public async ValueTask DisposeAsync()
        {
            await Emsp.DisposeAsync();
            await Cpo.DisposeAsync();
            await Hub.DisposeAsync();
        }
    }

    private static async Task WaitForClientsAsync(PlatformInstance instance, string connectionId, params string[] parties) =>
        await Scenario.Eventually(async () =>
        {
            var clients = await instance.HubClientsAsync(connectionId);
            return parties.All(p => clients.TryGetValue(p, out var status) && status == "CONNECTED");
        }, $"the Hub reports {string.Join(", ", parties)} CONNECTED");

    private static bool LocationsGet(HubForward f) => f.Method == "GET" && f.PathIn.EndsWith("/sender/locations", StringComparison.Ordinal);

    [Fact]
    public async Task A_pull_through_the_hub_is_one_GET_per_module_addressed_to_the_hub_not_one_per_party_behind_it()
    {
        await using var net = await HubNet.StartAsync();
        await net.PublishAsync(("NL*CPO", "LOC-A"), ("NL*CP2", "LOC-B"));

        Assert.Equal(System.Net.HttpStatusCode.Accepted, await net.Emsp.ResyncAsync(net.EmspAtHub, full: true));
        await Scenario.Eventually(() => Task.FromResult(net.GetAllPulls("stored").Count > 0), "DE*MSP pulled its locations through the Hub");

        // Every locations GET the Hub received was addressed to the Hub itself (GET All), none to a party behind it;
        // each one reached both CPO parties, so one GET per module and pull took the place of one per party.
        var forwards = net.Hub.Forwards.Where(LocationsGet).ToList();
        Assert.DoesNotContain(forwards, f => f.Kind == HubForwardKind.Directed);
        var pulls = forwards.Where(f => f.Kind == HubForwardKind.GetAll && f.From == "DE*MSP").GroupBy(f => f.RequestIdIn).ToList();
        Assert.NotEmpty(pulls);
        Assert.All(pulls, pull => Assert.Equal(["NL*CP2", "NL*CPO"], pull.Select(f => f.To).Order().ToArray()));
        Assert.Equal(["LOC-A", "LOC-B"], (await net.Emsp.ReceivedIdsAsync("DE*MSP", "locations")).Order().ToArray());
    }

    [Fact]
    public async Task A_hub_that_refuses_GET_All_is_pulled_party_by_party_and_the_operator_is_told_why()
    {
        await using var net = await HubNet.StartAsync(hub => hub.RefusesGetAll = true);
        await net.PublishAsync(("NL*CPO", "LOC-A"), ("NL*CP2", "LOC-B"));

        Assert.Equal(System.Net.HttpStatusCode.Accepted, await net.Emsp.ResyncAsync(net.EmspAtHub, full: true));

        await Scenario.Eventually(() => Task.FromResult(
                net.Hub.Forwards.Any(f => LocationsGet(f) && f.Kind == HubForwardKind.Directed && f.To == "NL*CPO")
                && net.Hub.Forwards.Any(f => LocationsGet(f) && f.Kind == HubForwardKind.Directed && f.To == "NL*CP2")),
            "DE*MSP pulled the locations of each CPO party by a GET addressed to it");
        var problems = JsonNode.Parse(await net.Emsp.Admin.GetStringAsync($"/admin/connections/{net.EmspAtHub}/problems", Ct))!.AsArray();
        var refused = problems.FirstOrDefault(p => (string?)p!["module"] == "locations" && ((string?)p["reason"] ?? "").Contains("refused GET All via Hub", StringComparison.Ordinal));
        Assert.True(refused is not null, problems.ToJsonString());
        Assert.Equal("outbound", (string?)refused!["direction"]);
        Assert.Contains("2001", (string?)refused["peer_status"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complete_full_pull_through_the_hub_removes_what_a_party_stopped_listing_for_the_tenant_that_pulled_only()
    {
        await using var net = await HubNet.StartAsync();
        // DE*MS2, on the same platform, is connected to NL*CPO directly, not through the Hub: its copies are its own.
        await net.Emsp.CreatePartyAsync("DE", "MS2", "EMSP");
        await PlatformInstance.ConnectAsync(net.Cpo, ["NL*CPO"], net.Emsp, ["DE*MS2"]);
        await net.PublishAsync(("NL*CPO", "LOC-A"), ("NL*CPO", "GONE"), ("NL*CP2", "LOC-B"));
        await Scenario.Eventually(async () => (await net.Emsp.ReceivedIdsAsync("DE*MS2", "locations")).Contains("GONE"), "DE*MS2 holds GONE");
        await net.ForgetAtSourceAsync("NL*CPO", "GONE");

        Assert.Equal(System.Net.HttpStatusCode.Accepted, await net.Emsp.ResyncAsync(net.EmspAtHub, full: true));

        await Scenario.Eventually(async () => !(await net.Emsp.ReceivedIdsAsync("DE*MSP", "locations")).Contains("GONE"),
            "GONE, no longer listed by NL*CPO through the Hub, is removed from DE*MSP");
        Assert.Equal(["LOC-A", "LOC-B"], (await net.Emsp.ReceivedIdsAsync("DE*MSP", "locations")).Order().ToArray());
        Assert.Contains("GONE", await net.Emsp.ReceivedIdsAsync("DE*MS2", "locations"));
    }

    [Fact]
    public async Task A_full_pull_the_hub_cuts_short_removes_nothing()
    {
        await using var net = await HubNet.StartAsync(hub => hub.GetAllPageSize = 1);
        await net.PublishAsync(("NL*CPO", "LOC-A"), ("NL*CPO", "GONE"), ("NL*CP2", "LOC-B"));
        await net.ForgetAtSourceAsync("NL*CPO", "GONE");
        net.Hub.GetAllDownFromOffset = 1;

        Assert.Equal(System.Net.HttpStatusCode.Accepted, await net.Emsp.ResyncAsync(net.EmspAtHub, full: true));
        await Scenario.Eventually(() => Task.FromResult(net.GetAllPulls("stopped").Any(l => l.Contains("503", StringComparison.Ordinal))),
            "the pull of DE*MSP's locations stopped at the Hub's second page");

        Assert.Equal(["GONE", "LOC-A", "LOC-B"], (await net.Emsp.ReceivedIdsAsync("DE*MSP", "locations")).Order().ToArray());
        Assert.DoesNotContain(net.GetAllPulls("no longer listed removed"), l => !l.Contains(" 0 no longer listed removed", StringComparison.Ordinal));
    }
}
