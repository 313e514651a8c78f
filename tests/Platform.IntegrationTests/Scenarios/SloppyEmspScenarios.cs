using System.Text;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// A hosted CPO pushes to, and asks, an outside eMSP that deviates from 2.2.1 or sits behind something that answers
/// for it: the platform tells an OCPI answer from a bare HTTP one and says what it read.
/// </summary>
public sealed class SloppyEmspScenarios : IAsyncLifetime
{
    private const string Cpo = "NL*CPO";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PlatformInstance _platform = null!;
    private FakePeer _emsp = null!;
    private string _connectionId = null!;

    public async ValueTask InitializeAsync()
    {
        _platform = await PlatformInstance.StartAsync();
        await _platform.CreatePartyAsync("NL", "CPO", "CPO");
        _emsp = await FakePeer.StartAsync();
        _emsp.Party = ("EMSP", "DE", "FAK");
        _emsp.Modules.Add(("tariffs", "RECEIVER"));
        _emsp.Modules.Add(("tokens", "SENDER"));
        _connectionId = await _platform.ConnectAsync(_emsp, "sloppy emsp", Cpo);
    }

    public async ValueTask DisposeAsync()
    {
        await _emsp.DisposeAsync();
        await _platform.DisposeAsync();
    }

    private static JsonObject Tariff(string id) => new()
    {
        ["country_code"] = "NL", ["party_id"] = "CPO", ["id"] = id, ["currency"] = "EUR",
        ["elements"] = new JsonArray(new JsonObject
        {
            ["price_components"] = new JsonArray(new JsonObject { ["type"] = "ENERGY", ["price"] = 0.25m, ["vat"] = 21.0m, ["step_size"] = 1 }),
        }),
        ["last_updated"] = Builders.Now,
    };

    private async Task PublishAndWithdrawAsync(string id)
    {
        var put = await _platform.Admin.PutAsync($"/admin/parties/NL/CPO/cpo/tariffs/{id}", new StringContent(Tariff(id).ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        await Scenario.Eventually(async () => (await _platform.DeliveriesAsync("delivered")).Any(d => (string?)d!["object_id"] == id), $"the PUT of {id} is delivered");
        Assert.True((await _platform.Admin.DeleteAsync($"/admin/parties/NL/CPO/cpo/tariffs/{id}", Ct)).IsSuccessStatusCode);
    }

    private async Task<JsonNode?> DeleteDeliveryAsync(string id) =>
        (await _platform.DeliveriesAsync()).FirstOrDefault(d => (string?)d!["object_id"] == id && (string?)d["operation"] == "delete");

    [Fact]
    public async Task A_delete_answered_404_with_an_envelope_is_delivered_and_a_bare_404_is_retried_and_shown_as_a_problem()
    {
        _emsp.Answer = r => r.Method switch
        {
            "PUT" => (200, null, 1000),
            "DELETE" when r.Path.EndsWith("/T-UNKNOWN", StringComparison.Ordinal) => (404, null, 2003),
            _ => null,
        };
        _emsp.Bare = r => r.Method == "DELETE" && r.Path.EndsWith("/T-PROXY", StringComparison.Ordinal) ? (404, "<html><body>404 Not Found</body></html>") : null;

        await PublishAndWithdrawAsync("T-UNKNOWN");
        await PublishAndWithdrawAsync("T-PROXY");

        await Scenario.Eventually(async () => (string?)(await DeleteDeliveryAsync("T-UNKNOWN"))?["state"] == "delivered",
            "the DELETE the eMSP answered 'unknown tariff' (404 with an envelope) is delivered");
        // Attempts count from the claim, so wait for a finished attempt (back to pending with its error), not a sending one.
        JsonNode? proxied = null;
        await Scenario.Eventually(async () => (proxied = await DeleteDeliveryAsync("T-PROXY")) is { } d && (int)d["attempts"]! >= 1
                && (string?)d["state"] == "pending" && d["last_error"] is not null,
            "the DELETE answered a bare 404 was tried and waits for another attempt");
        Assert.Contains("HTTP 404, no OCPI envelope", (string?)proxied!["last_error"], StringComparison.Ordinal);
        await Scenario.Eventually(async () => JsonNode.Parse(await _platform.Admin.GetStringAsync($"/admin/connections/{_connectionId}/problems", Ct))!
                .AsArray().Any(p => (string?)p!["object_id"] == "T-PROXY" && (string?)p["module"] == "tariffs"),
            "the bare 404 is shown among the connection's problems");
    }

    [Fact]
    public async Task A_command_result_answered_a_bare_404_is_posted_again_and_one_answered_404_with_an_envelope_is_final()
    {
        await _platform.PublishLocationAsync(Cpo, Builders.Location("NL", "CPO", "LOC1", "E1"));
        _emsp.Answer = r => r.Method == "POST" && r.Path.EndsWith("/results/known-404", StringComparison.Ordinal) ? (404, null, 2003) : null;
        _emsp.Bare = r => r.Method == "POST" && r.Path.EndsWith("/results/proxy-404", StringComparison.Ordinal) ? (404, "<html><body>404 Not Found</body></html>") : null;

        await UnlockAsync("known-404");
        await UnlockAsync("proxy-404");

        await Scenario.Eventually(async () => (await ResultPostAsync("known-404"))?.State == "failed",
            "the result the eMSP answered 404 with an envelope (it does not know the request) is not posted again");
        // Attempts count from the claim: wait for a finished attempt (back to pending with its error), not a sending one.
        await Scenario.Eventually(async () => await ResultPostAsync("proxy-404") is { State: "pending", Attempts: >= 1, LastError: not null },
            "the result answered a bare 404 was tried and waits for another attempt");
        Assert.Contains("HTTP 404, no OCPI envelope", (await ResultPostAsync("proxy-404"))!.LastError, StringComparison.Ordinal);
    }

    /// <summary>The fake eMSP asks the hosted CPO to unlock a connector, the result to go to <c>…/results/{name}</c> at the eMSP.</summary>
    private async Task UnlockAsync(string name)
    {
        var ours = (string)_emsp.Requests.First(r => r.Method == "POST" && r.Path.EndsWith("/credentials", StringComparison.Ordinal)).Body!["token"]!;
        using var client = new OcpiClient(ours);
        var answer = await client.SendAsync(HttpMethod.Post, _platform.Url + "/ocpi/2.2.1/receiver/commands/UNLOCK_CONNECTOR",
            new { response_url = $"{_emsp.Url}/results/{name}", location_id = "LOC1", evse_uid = "E1", connector_id = "1" }, from: "DE*FAK", to: Cpo, ct: Ct);
        Assert.True(answer.StatusCode == 1000, answer.ToString());
    }

    private sealed record ResultPostRow(string State, long Attempts, string? LastError);

    private async Task<ResultPostRow?> ResultPostAsync(string name)
    {
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_platform.DatabaseFile}");
        await db.OpenAsync(Ct);
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT state, attempts, last_error FROM result_posts WHERE url LIKE '%/results/' || $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await reader.ReadAsync(Ct) ? new ResultPostRow(reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2)) : null;
    }

    private Task<JsonObject> AuthorizeAsync(string uid) => _platform.AuthorizeAsync(Cpo, new { uid, type = "RFID", country_code = "DE", party_id = "FAK" });

    private static JsonObject Info(string uid, string allowed = "ALLOWED") =>
        new() { ["allowed"] = allowed, ["token"] = Builders.Token("DE*FAK", uid), ["authorization_reference"] = "REF-" + uid };

    [Fact]
    public async Task An_authorize_answer_whose_data_is_a_list_of_one_AuthorizationInfo_is_read_as_it_and_a_longer_list_is_refused_with_a_reason()
    {
        _emsp.Answer = r => r.Method != "POST" ? null
            : r.Path.EndsWith("/ONE-IN-LIST/authorize", StringComparison.Ordinal) ? (200, new JsonArray(Info("ONE-IN-LIST")), 1000)
            : r.Path.EndsWith("/TWO-IN-LIST/authorize", StringComparison.Ordinal) ? (200, new JsonArray(Info("TWO-IN-LIST"), Info("TWO-IN-LIST", "BLOCKED")), 1000)
            : null;

        var one = await AuthorizeAsync("ONE-IN-LIST");
        Assert.Equal(("ALLOWED", "real-time", "REF-ONE-IN-LIST"), ((string?)one["allowed"], (string?)one["decided_by"], (string?)one["authorization_reference"]));

        var two = await AuthorizeAsync("TWO-IN-LIST");
        Assert.Equal(("NOT_ALLOWED", "real-time"), ((string?)two["allowed"], (string?)two["decided_by"]));
        Assert.Contains("a list of 2 elements", (string?)two["reason"], StringComparison.Ordinal);
        var problems = JsonNode.Parse(await _platform.Admin.GetStringAsync($"/admin/connections/{_connectionId}/problems", Ct))!.AsArray();
        Assert.Contains(problems, p => (string?)p!["module"] == "tokens" && ((string?)p["reason"])!.Contains("a list of 2 elements", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_authorize_answered_404_without_an_envelope_means_the_emsp_does_not_know_the_token()
    {
        _emsp.Bare = r => r.Method == "POST" && r.Path.EndsWith("/authorize", StringComparison.Ordinal) ? (404, "Not Found") : null;

        var decision = await AuthorizeAsync("NOT-KNOWN");

        Assert.Equal(("NOT_ALLOWED", "real-time"), ((string?)decision["allowed"], (string?)decision["decided_by"]));
        Assert.Contains("does not know the token", (string?)decision["reason"], StringComparison.Ordinal);
        Assert.DoesNotContain("status 0", (string?)decision["reason"], StringComparison.Ordinal);
    }
}
