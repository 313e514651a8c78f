using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>What scenarios do through an instance's admin API, as an operator or a charge-point system would.</summary>
public static class Scenario
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A hosted CPO publishes (PUT) its location through the back office.</summary>
    public static async Task PublishLocationAsync(this PlatformInstance instance, string party, JsonObject location)
    {
        var (cc, pid) = Split(party);
        var response = await instance.Admin.PutAsJsonAsync($"/admin/parties/{cc}/{pid}/cpo/locations/{location["id"]}", location, Ct);
        Assert.True(response.IsSuccessStatusCode, $"PUT location: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>A hosted CPO's EVSE changes status (PATCH through the back office).</summary>
    public static async Task SetEvseStatusAsync(this PlatformInstance instance, string party, string locationId, string evseUid, string status)
    {
        var (cc, pid) = Split(party);
        var response = await instance.Admin.PatchAsJsonAsync($"/admin/parties/{cc}/{pid}/cpo/locations/{locationId}/{evseUid}", Builders.Status(status), Ct);
        Assert.True(response.IsSuccessStatusCode, $"PATCH EVSE: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>A hosted CPO's charge-point side feeds a session (PUT whole, or PATCH).</summary>
    public static async Task FeedSessionAsync(this PlatformInstance instance, string party, JsonObject session, bool patch = false)
    {
        var (cc, pid) = Split(party);
        var path = $"/admin/parties/{cc}/{pid}/cpo/sessions/{session["id"] ?? throw new ArgumentException("the session needs its id in the body")}";
        var response = patch ? await instance.Admin.PatchAsJsonAsync(path, session, Ct) : await instance.Admin.PutAsJsonAsync(path, session, Ct);
        Assert.True(response.IsSuccessStatusCode, $"session {(patch ? "PATCH" : "PUT")}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>A hosted CPO records a CDR.</summary>
    public static async Task RecordCdrAsync(this PlatformInstance instance, string party, JsonObject cdr)
    {
        var (cc, pid) = Split(party);
        var response = await instance.Admin.PostAsJsonAsync($"/admin/parties/{cc}/{pid}/cpo/cdrs", cdr, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"CDR POST: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>What a hosted eMSP holds of a module (<c>sessions</c>, <c>cdrs</c>, …).</summary>
    public static async Task<JsonArray> ReceivedAsync(this PlatformInstance instance, string party, string module)
    {
        var (cc, pid) = Split(party);
        return JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/parties/{cc}/{pid}/emsp/{module}?limit=1000", Ct))!.AsArray();
    }

    public static async Task<IReadOnlyList<string>> ReceivedIdsAsync(this PlatformInstance instance, string party, string module) =>
        (await instance.ReceivedAsync(party, module)).Select(o => (string)o!["id"]!).Order().ToList();

    /// <summary>A hosted eMSP issues (PUT) or changes (PATCH) one of its tokens through the back office.</summary>
    public static async Task IssueTokenAsync(this PlatformInstance instance, string party, JsonObject token, bool patch = false, string type = "RFID")
    {
        var (cc, pid) = Split(party);
        var path = $"/admin/parties/{cc}/{pid}/emsp/tokens/{token["uid"]}?type={type}";
        var response = patch ? await instance.Admin.PatchAsJsonAsync(path, token, Ct) : await instance.Admin.PutAsJsonAsync(path, token, Ct);
        Assert.True(response.IsSuccessStatusCode, $"token {(patch ? "PATCH" : "PUT")}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>A hosted CPO's charge point asks whether a presented token may charge.</summary>
    public static async Task<JsonObject> AuthorizeAsync(this PlatformInstance instance, string cpo, object presented)
    {
        var (cc, pid) = Split(cpo);
        var response = await instance.Admin.PostAsJsonAsync($"/admin/parties/{cc}/{pid}/cpo/authorize", presented, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"authorize: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>The tokens a hosted CPO holds (received from eMSPs).</summary>
    public static async Task<JsonArray> CachedTokensAsync(this PlatformInstance instance, string cpo)
    {
        var (cc, pid) = Split(cpo);
        return JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/parties/{cc}/{pid}/cpo/tokens?limit=1000", Ct))!.AsArray();
    }

    /// <summary>The instance registers with the Hub for its hosted <paramref name="parties"/>; returns the connection id.</summary>
    public static async Task<string> RegisterWithHubAsync(this PlatformInstance instance, TestHub hub, params string[] parties)
    {
        var response = await instance.Admin.PostAsJsonAsync("/admin/connections",
            new { name = "hub", versions_url = hub.VersionsUrl, token = hub.Invite(), parties }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"registration with the hub: {(int)response.StatusCode} {text}");
        return (string)JsonNode.Parse(text)!["id"]!;
    }

    /// <summary>The parties the Hub reported on a connection, with their status.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> HubClientsAsync(this PlatformInstance instance, string connectionId)
    {
        var connection = JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/connections/{connectionId}", Ct))!;
        return connection["remote_parties"]!.AsArray().Where(r => (string?)r!["source"] == "hubclientinfo")
            .GroupBy(r => $"{r!["country_code"]}*{r["party_id"]}").ToDictionary(g => g.Key, g => (string)g.First()!["status"]!);
    }

    /// <summary>What a hosted eMSP holds of locations (all owners).</summary>
    public static async Task<JsonArray> ReceivedLocationsAsync(this PlatformInstance instance, string party)
    {
        var (cc, pid) = Split(party);
        return JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/parties/{cc}/{pid}/emsp/locations?limit=1000", Ct))!.AsArray();
    }

    public static async Task<JsonObject?> ReceivedLocationAsync(this PlatformInstance instance, string party, string locationId) =>
        (await instance.ReceivedLocationsAsync(party)).OfType<JsonObject>().FirstOrDefault(l => (string?)l["id"] == locationId);

    public static async Task<string?> ReceivedEvseStatusAsync(this PlatformInstance instance, string party, string locationId, string evseUid) =>
        (string?)((await instance.ReceivedLocationAsync(party, locationId))?["evses"]?.AsArray()
            .FirstOrDefault(e => (string?)e!["uid"] == evseUid)?["status"]);

    public static async Task<JsonArray> DeliveriesAsync(this PlatformInstance instance, string? state = null)
    {
        var query = state is null ? "" : $"?state={state}";
        return JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/deliveries{query}", Ct))!.AsArray();
    }

    public static async Task<HttpStatusCode> ResyncAsync(this PlatformInstance instance, string connectionId, bool full = false) =>
        (await instance.Admin.PostAsync($"/admin/connections/{connectionId}/resync{(full ? "?full=true" : "")}", null, Ct)).StatusCode;

    /// <summary>Registers <paramref name="peer"/> for the hosted <paramref name="parties"/>; the new connection's id.</summary>
    public static async Task<string> ConnectAsync(this PlatformInstance instance, FakePeer peer, string name, params string[] parties)
    {
        var response = await instance.Admin.PostAsJsonAsync("/admin/connections", new { name, versions_url = peer.VersionsUrl, token = "token-a", parties }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        return (string)JsonNode.Parse(text)!["id"]!;
    }

    public static async Task<string> ConnectInternallyAsync(this PlatformInstance instance, params string[] parties)
    {
        var response = await instance.Admin.PostAsJsonAsync("/admin/connections/internal", new { name = "internal", parties }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["id"]!;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails naming <paramref name="what"/> after the timeout.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100, Ct);
        }
        Assert.Fail($"Within {seconds} s: {what}\n{PlatformInstance.DescribeLive()}");
    }

    /// <summary>Gives pushes a chance to go wrong, then checks that <paramref name="condition"/> still holds.</summary>
    public static async Task Stays(Func<Task<bool>> condition, string what, int milliseconds = 1500)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(milliseconds);
        while (DateTime.UtcNow < deadline)
        {
            Assert.True(await condition(), what);
            await Task.Delay(100, Ct);
        }
    }

    private static (string, string) Split(string party) => (party[..2], party[3..]);
}
