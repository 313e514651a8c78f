using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// Three real platforms for the sessions and CDRs conformance tests, started once per test class:
/// <list type="bullet">
/// <item>the CPO instance hosts NL*CPO and NL*CP2 (both CPO);</item>
/// <item>the eMSP instance hosts DE*MSP and DE*MS2 (both EMSP); DE*MSP registered with the CPO instance for NL*CPO;</item>
/// <item>the other instance hosts FR*OTH (CPO and EMSP), connected to NL*CP2 and to DE*MS2 only. It holds valid
/// tokens at both instances, so that a refusal of NL*CPO's or DE*MSP's data to it is about the connection, not
/// about an unknown token. Without the DE*MS2 link the Receiver routes (on the eMSP instance) could not be
/// tried from a registered connection that lacks DE*MSP.</item>
/// </list>
/// Tests share the instances, so each uses its own object ids and, on the Sender, its own last_updated window.
/// What NL*CPO's back office feeds is pushed to DE*MSP too; ids fed there never collide with ids the tests PUT
/// straight into DE*MSP's Receiver.
/// </summary>
public sealed class SessionCdrConformanceFixture : IAsyncLifetime
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

    public string SessionsSenderUrl => Cpo.Url + "/ocpi/2.2.1/sender/sessions";

    public string ChargingPreferencesUrl(string sessionId) => $"{SessionsSenderUrl}/{sessionId}/charging_preferences";

    /// <summary>DE*MSP's sessions Receiver URL for a session of <paramref name="owner"/> ("NL/CPO").</summary>
    public string SessionReceiverUrl(string sessionId, string owner = "NL/CPO") => $"{Emsp.Url}/ocpi/2.2.1/receiver/sessions/{owner}/{sessionId}";

    public string CdrReceiverUrl => Emsp.Url + "/ocpi/2.2.1/receiver/cdrs";

    /// <summary>Where DE*MSP answers a CDR of <paramref name="owner"/> is kept (its Location).</summary>
    public string CdrLocation(string cdrId, string owner = "NL/CPO") => $"{CdrReceiverUrl}/{owner}/{cdrId}";

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
    public async Task<OcpiAnswer> AsCpoAsync(HttpMethod method, string url, object? body = null)
    {
        using var client = new OcpiClient(CpoToken);
        return await client.SendAsync(method, url, body, from: "NL*CPO", to: "DE*MSP", ct: TestContext.Current.CancellationToken);
    }

    /// <summary>Calls NL*CPO's Sender as DE*MSP over their connection.</summary>
    public async Task<OcpiAnswer> AsEmspAsync(HttpMethod method, string url, object? body = null)
    {
        using var client = new OcpiClient(EmspToken);
        return await client.SendAsync(method, url, body, from: "DE*MSP", to: "NL*CPO", ct: TestContext.Current.CancellationToken);
    }

    /// <summary>An admin call; <paramref name="body"/> is sent as is when a string, else serialized.</summary>
    public static async Task<(HttpStatusCode Status, string? MediaType, string Text)> AdminAsync(PlatformInstance instance, HttpMethod method, string path,
        object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string text) request.Content = new StringContent(text, System.Text.Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await instance.Admin.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>NL*CPO's charge-point side feeds a session (PUT whole, or PATCH); asserts 200 or 201 and returns what is stored.</summary>
    public async Task<JsonObject> FeedSessionAsync(JsonObject session, bool patch = false, string party = "NL/CPO")
    {
        var method = patch ? HttpMethod.Patch : HttpMethod.Put;
        var (status, _, text) = await AdminAsync(Cpo, method, $"/admin/parties/{party}/cpo/sessions/{session["id"]}", session);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} session {session["id"]} answered {(int)status}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>NL*CPO publishes a location through its back office; asserts 200 or 201.</summary>
    public async Task PublishLocationAsync(JsonObject location)
    {
        var (status, _, text) = await AdminAsync(Cpo, HttpMethod.Put, $"/admin/parties/NL/CPO/cpo/locations/{location["id"]}", location);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"PUT location {location["id"]} answered {(int)status}: {text}");
    }

    public async ValueTask DisposeAsync()
    {
        // Instances that never started are null when InitializeAsync failed half-way.
        foreach (var instance in new[] { Other, Emsp, Cpo })
            if (instance is not null) await instance.DisposeAsync();
    }
}
