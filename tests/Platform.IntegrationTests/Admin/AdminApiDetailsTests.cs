using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Admin;

/// <summary>The admin API's manners (docs/admin-api.md): paged lists, Location on 201, a problem on every 4xx.</summary>
public sealed class AdminApiDetailsTests : IAsyncLifetime
{
    private readonly PlatformFactory _platform = new();
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _admin = _platform.CreateAdminClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    private async Task<HttpResponseMessage> CreateParty(string partyId, params string[] roles)
    {
        var response = await _admin.PostAsJsonAsync("/admin/parties", new { country_code = "NL", party_id = partyId, roles, name = partyId }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response;
    }

    private async Task<(JsonArray Items, string? Total)> Page(string path)
    {
        var response = await _admin.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsArray(),
            response.Headers.TryGetValues("X-Total-Count", out var total) ? total.Single() : null);
    }

    [Fact]
    public async Task Parties_are_paged_with_the_total()
    {
        foreach (var id in new[] { "AAA", "BBB", "CCC" }) await CreateParty(id, "CPO");

        var (first, total) = await Page("/admin/parties?offset=0&limit=2");
        Assert.Equal("3", total);
        Assert.Equal(["AAA", "BBB"], first.Select(p => (string)p!["party_id"]!));
        var (rest, _) = await Page("/admin/parties?offset=2&limit=2");
        Assert.Equal(["CCC"], rest.Select(p => (string)p!["party_id"]!));
    }

    [Fact]
    public async Task Connections_are_paged_with_the_total()
    {
        await CreateParty("CPO", "CPO");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var invitation = await _admin.PostAsJsonAsync("/admin/connections/invitations", new { name = $"peer {i}", parties = new[] { "NL*CPO" } }, Ct);
            ids.Add((string)JsonNode.Parse(await invitation.Content.ReadAsStringAsync(Ct))!["connection_id"]!);
        }

        var (page, total) = await Page("/admin/connections?offset=1&limit=1");
        Assert.Equal("3", total);
        Assert.Single(page);
        var (all, _) = await Page("/admin/connections");
        Assert.Equal(ids.Order(), all.Select(c => (string)c!["id"]!).Order());
    }

    [Fact]
    public async Task Every_201_names_what_it_created_in_Location()
    {
        var party = await CreateParty("CPO", "CPO", "EMSP");
        Assert.Equal("/admin/parties/NL/CPO", party.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync(party.Headers.Location, Ct)).StatusCode);
        await CreateParty("MSP", "EMSP");

        var invitation = await _admin.PostAsJsonAsync("/admin/connections/invitations", new { name = "peer", parties = new[] { "NL*CPO" } }, Ct);
        var invited = JsonNode.Parse(await invitation.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal($"/admin/connections/{invited["connection_id"]}", invitation.Headers.Location?.OriginalString);

        var internalConnection = await _admin.PostAsJsonAsync("/admin/connections/internal", new { name = "in", parties = new[] { "NL*CPO", "NL*MSP" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, internalConnection.StatusCode);
        Assert.Equal($"/admin/connections/{JsonNode.Parse(await internalConnection.Content.ReadAsStringAsync(Ct))!["id"]}",
            internalConnection.Headers.Location?.OriginalString);

        var location = await _admin.PutAsJsonAsync("/admin/parties/NL/CPO/cpo/locations/LOC1", Builders.Location("NL", "CPO", "LOC1", "EVSE1"), Ct);
        Assert.Equal(HttpStatusCode.Created, location.StatusCode);
        Assert.Equal("/admin/parties/NL/CPO/cpo/locations/LOC1", location.Headers.Location?.OriginalString);

        var token = await _admin.PutAsJsonAsync("/admin/parties/NL/MSP/emsp/tokens/TOK1?type=RFID", Builders.Token("NL*MSP", "TOK1"), Ct);
        Assert.Equal(HttpStatusCode.Created, token.StatusCode);
        Assert.Equal("/admin/parties/NL/MSP/emsp/tokens/TOK1", token.Headers.Location?.OriginalString);

        var cdr = await _admin.PostAsJsonAsync("/admin/parties/NL/CPO/cpo/cdrs", Builders.Cdr("NL*CPO", "CDR1", "NL*MSP"), Ct);
        Assert.Equal(HttpStatusCode.Created, cdr.StatusCode);
        Assert.Equal("/admin/parties/NL/CPO/cpo/cdrs/CDR1", cdr.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("GET", "/admin/no-such-thing")]
    [InlineData("POST", "/admin/parties/NL/ABC/nothing")]
    [InlineData("DELETE", "/admin/parties")]
    public async Task Unknown_admin_routes_answer_a_problem(string method, string path)
    {
        var response = await _admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["title"]));
    }

    [Fact]
    public async Task An_unknown_route_without_the_key_is_a_problem_too()
    {
        var response = await _platform.CreateClient().GetAsync("/admin/no-such-thing", Ct);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_enum_error_lists_the_values_allowed()
    {
        var response = await _admin.PostAsync("/admin/parties",
            new StringContent("""{"country_code":"NL","party_id":"ABC","roles":["KING"],"name":"x"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["detail"]!;
        Assert.Contains("roles[0]", detail);
        Assert.Contains("CPO, EMSP", detail);

        var deliveries = await _admin.GetAsync("/admin/deliveries?state=lost", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, deliveries.StatusCode);
        Assert.Contains("pending, sending, delivered, failed", (string)JsonNode.Parse(await deliveries.Content.ReadAsStringAsync(Ct))!["detail"]!);
    }
}
