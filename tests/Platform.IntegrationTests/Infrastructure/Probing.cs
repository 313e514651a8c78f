using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>What an operator does with conformance probes through the admin API.</summary>
public static class Probing
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>POST …/probe (asserts 202) and waits until the probe is done; returns its report.</summary>
    public static async Task<JsonObject> ProbeAsync(this PlatformInstance instance, string connectionId, object? body = null)
    {
        var response = body is null
            ? await instance.Admin.PostAsync($"/admin/connections/{connectionId}/probe", null, Ct)
            : await instance.Admin.PostAsJsonAsync($"/admin/connections/{connectionId}/probe", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST probe answered {(int)response.StatusCode}: {text}");
        var id = (string)JsonNode.Parse(text)!["id"]!;
        JsonObject? report = null;
        await Scenario.Eventually(async () =>
        {
            report = JsonNode.Parse(await instance.Admin.GetStringAsync($"/admin/connections/{connectionId}/probes/{id}", Ct))!.AsObject();
            return (string?)report["state"] == "done";
        }, $"probe {id} is done", seconds: 180);
        return report!;
    }

    public static IEnumerable<JsonObject> Checks(this JsonObject report, string result) =>
        report["checks"]!.AsArray().Select(c => c!.AsObject()).Where(c => (string?)c["result"] == result);

    public static List<string> Names(this IEnumerable<JsonObject> checks) => checks.Select(c => (string)c["name"]!).ToList();
}
