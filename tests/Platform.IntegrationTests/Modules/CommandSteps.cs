using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>What command and charging-profile scenarios do through a platform's back office, as an eMSP's app or helpdesk would.</summary>
public static class CommandSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A token of <paramref name="emsp"/> ("DE*MSP") as a START_SESSION or RESERVE_NOW carries it.</summary>
    public static JsonObject Token(string emsp, string uid = "RFID0001") => new()
    {
        ["country_code"] = emsp[..2],
        ["party_id"] = emsp[3..],
        ["uid"] = uid,
        ["type"] = "RFID",
        ["contract_id"] = $"{emsp[..2]}-{emsp[3..]}-C00000001",
        ["issuer"] = "Test eMSP",
        ["valid"] = true,
        ["whitelist"] = "ALLOWED",
        ["last_updated"] = Builders.Now,
    };

    public static JsonObject StartSession(string cpo, string emsp, string locationId, string? evseUid = "EVSE1", string? connectorId = "1",
        string authorizationReference = "AUTH-1")
    {
        var command = new JsonObject
        {
            ["cpo"] = cpo, ["token"] = Token(emsp), ["location_id"] = locationId, ["authorization_reference"] = authorizationReference,
        };
        if (evseUid is not null) command["evse_uid"] = evseUid;
        if (connectorId is not null) command["connector_id"] = connectorId;
        return command;
    }

    /// <summary>POST …/emsp/commands/{type}; asserts 202 and returns the command's id.</summary>
    public static async Task<string> SendCommandAsync(this PlatformInstance instance, string emsp, string type, JsonObject command)
    {
        var response = await instance.Admin.PostAsJsonAsync($"/admin/parties/{emsp[..2]}/{emsp[3..]}/emsp/commands/{type}", command, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{type}: {(int)response.StatusCode} {text}");
        return (string)JsonNode.Parse(text)!["id"]!;
    }

    public static async Task<JsonObject> CommandAsync(this PlatformInstance instance, string emsp, string id) =>
        JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/parties/{emsp[..2]}/{emsp[3..]}/emsp/commands/{id}", Ct))!.AsObject();

    /// <summary>Waits until the command is in one of <paramref name="states"/>, then returns it.</summary>
    public static async Task<JsonObject> CommandInStateAsync(this PlatformInstance instance, string emsp, string id, params string[] states)
    {
        JsonObject command = [];
        await Scenario.Eventually(async () =>
            {
                command = await instance.CommandAsync(emsp, id);
                return Array.IndexOf(states, (string?)command["state"]) >= 0;
            },
            $"command {id} reaches {string.Join(" or ", states)}");
        return command;
    }

    public static string? Result(this JsonObject command) => (string?)command["result"]?["result"];

    public static string? Response(this JsonObject command) => (string?)command["response"]?["result"];

    public static async Task<JsonObject?> CpoLocationAsync(this PlatformInstance instance, string cpo, string locationId)
    {
        var response = await instance.Admin.GetAsync($"/admin/parties/{cpo[..2]}/{cpo[3..]}/cpo/locations/{locationId}", Ct);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject() : null;
    }

    public static async Task<string?> CpoEvseStatusAsync(this PlatformInstance instance, string cpo, string locationId, string evseUid) =>
        (string?)(await instance.CpoLocationAsync(cpo, locationId))?["evses"]?.AsArray().FirstOrDefault(e => (string?)e!["uid"] == evseUid)?["status"];
}
