using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// Three real platforms for the locations conformance tests, started once per test class:
/// <list type="bullet">
/// <item>the CPO instance hosts NL*CPO and NL*CP2 (both CPO);</item>
/// <item>the eMSP instance hosts DE*MSP and DE*MS2 (both EMSP); DE*MSP registered with the CPO instance for NL*CPO;</item>
/// <item>the other instance hosts FR*OTH (CPO and EMSP), connected to NL*CP2 and to DE*MS2 only, so that it holds
/// valid tokens for both instances that must still never reach NL*CPO's or DE*MSP's data.</item>
/// </list>
/// Tests share the instances, so each uses its own location ids and, on the Sender, its own last_updated window.
/// </summary>
public sealed class LocationConformanceFixture : IAsyncLifetime
{
    public PlatformInstance Cpo { get; private set; } = null!;
    public PlatformInstance Emsp { get; private set; } = null!;
    public PlatformInstance Other { get; private set; } = null!;

    /// <summary>What the CPO instance holds to call DE*MSP's Receiver (the NL*CPO ↔ DE*MSP connection).</summary>
    public string CpoToken { get; private set; } = null!;

    /// <summary>What the eMSP instance holds to call NL*CPO's Sender (the same connection, other direction).</summary>
    public string EmspToken { get; private set; } = null!;

    /// <summary>The other instance's token at the CPO instance: a connection carrying NL*CP2 only.</summary>
    public string OtherAtCpoToken { get; private set; } = null!;

    /// <summary>The other instance's token at the eMSP instance: a connection carrying DE*MS2 only.</summary>
    public string OtherAtEmspToken { get; private set; } = null!;

    /// <summary>Token A of an invitation nobody used, one per instance.</summary>
    public string CpoTokenA { get; private set; } = null!;
    public string EmspTokenA { get; private set; } = null!;

    public string SenderUrl => Cpo.Url + "/ocpi/2.2.1/sender/locations";

    /// <summary>DE*MSP's Receiver URL for objects owned by <paramref name="owner"/> ("NL/CPO").</summary>
    public string ReceiverUrl(string path, string owner = "NL/CPO") => $"{Emsp.Url}/ocpi/2.2.1/receiver/locations/{owner}/{path}";

    public async ValueTask InitializeAsync()
    {
        Cpo = await PlatformInstance.StartAsync();
        Emsp = await PlatformInstance.StartAsync();
        Other = await PlatformInstance.StartAsync();
        await Cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await Cpo.CreatePartyAsync("NL", "CP2", "CPO");
        await Emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        await Emsp.CreatePartyAsync("DE", "MS2", "EMSP");
        await Other.CreatePartyAsync("FR", "OTH", "CPO", "EMSP");

        var main = await PlatformInstance.ConnectAsync(Cpo, ["NL*CPO"], Emsp, ["DE*MSP"]);
        var otherAtCpo = await PlatformInstance.ConnectAsync(Cpo, ["NL*CP2"], Other, ["FR*OTH"]);
        var otherAtEmsp = await PlatformInstance.ConnectAsync(Emsp, ["DE*MS2"], Other, ["FR*OTH"]);

        CpoToken = (await Cpo.HeldTokenAsync(main.ServerConnectionId))!;
        EmspToken = (await Emsp.HeldTokenAsync(main.ClientConnectionId))!;
        OtherAtCpoToken = (await Other.HeldTokenAsync(otherAtCpo.ClientConnectionId))!;
        OtherAtEmspToken = (await Other.HeldTokenAsync(otherAtEmsp.ClientConnectionId))!;
        CpoTokenA = (string)(await Cpo.InviteAsync("never registers", "NL*CPO"))["token"]!;
        EmspTokenA = (string)(await Emsp.InviteAsync("never registers", "DE*MSP"))["token"]!;
    }

    /// <summary>Calls DE*MSP's Receiver as NL*CPO over their connection.</summary>
    public async Task<OcpiAnswer> ReceiverAsync(HttpMethod method, string path, object? body = null, string owner = "NL/CPO")
    {
        using var client = new OcpiClient(CpoToken);
        return await client.SendAsync(method, ReceiverUrl(path, owner), body, from: "NL*CPO", to: "DE*MSP", ct: TestContext.Current.CancellationToken);
    }

    /// <summary>Calls NL*CPO's Sender as DE*MSP over their connection; <paramref name="pathAndQuery"/> starts with "/" or "?", or is empty.</summary>
    public Task<OcpiAnswer> SenderAsync(string pathAndQuery = "") => SenderAtAsync(SenderUrl + pathAndQuery);

    public async Task<OcpiAnswer> SenderAtAsync(string url)
    {
        using var client = new OcpiClient(EmspToken);
        return await client.SendAsync(HttpMethod.Get, url, from: "DE*MSP", to: "NL*CPO", ct: TestContext.Current.CancellationToken);
    }

    /// <summary>The back office of a hosted CPO of the CPO instance writes its own location object; asserts 200 or 201.</summary>
    public async Task<JsonObject> PublishAsync(HttpMethod method, string path, JsonObject body, string party = "NL/CPO")
    {
        using var request = new HttpRequestMessage(method, $"/admin/parties/{party}/cpo/locations/{path}") { Content = JsonContent.Create(body) };
        using var response = await Cpo.Admin.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public Task<JsonObject> PublishAsync(JsonObject location, string party = "NL/CPO") =>
        PublishAsync(HttpMethod.Put, (string)location["id"]!, location, party);

    public async ValueTask DisposeAsync()
    {
        // Instances that never started are null when InitializeAsync failed half-way.
        foreach (var instance in new[] { Other, Emsp, Cpo })
            if (instance is not null) await instance.DisposeAsync();
    }
}
