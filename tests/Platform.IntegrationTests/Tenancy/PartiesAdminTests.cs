using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Tenancy;

public sealed class PartiesAdminTests : IAsyncLifetime
{
    private readonly PlatformFactory _platform = new();
    private HttpClient _admin = null!;

    public ValueTask InitializeAsync()
    {
        _admin = _platform.CreateAdminClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    private Task<HttpResponseMessage> Create(object body) =>
        _admin.PostAsJsonAsync("/admin/parties", body, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Creates_reads_and_updates_a_party_with_a_sub_operator()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Created, (await Create(new { country_code = "NL", party_id = "HUB", roles = new[] { "CPO" }, name = "Parent" })).StatusCode);
        var child = await Create(new { country_code = "nl", party_id = "sub", roles = new[] { "CPO", "EMSP" }, name = "Sub", parent = "NL*HUB" });
        Assert.Equal(HttpStatusCode.Created, child.StatusCode);
        var created = JsonNode.Parse(await child.Content.ReadAsStringAsync(ct))!;
        Assert.Equal("NL*HUB", (string)created["parent"]!);

        // Party keys in paths are CiStrings.
        var read = JsonNode.Parse(await _admin.GetStringAsync("/admin/parties/nl/SuB", ct))!;
        Assert.Equal(["CPO", "EMSP"], read["roles"]!.AsArray().Select(r => (string)r!));

        var patched = await _admin.PatchAsJsonAsync("/admin/parties/NL/SUB", new { name = "Renamed", roles = new[] { "EMSP" } }, ct);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("Renamed", (string)JsonNode.Parse(await patched.Content.ReadAsStringAsync(ct))!["name"]!);
        Assert.Equal(2, JsonNode.Parse(await _admin.GetStringAsync("/admin/parties", ct))!.AsArray().Count);
    }

    [Theory]
    [InlineData("""{"country_code":"NLD","party_id":"ABC","roles":["CPO"],"name":"x"}""", "country_code")]
    [InlineData("""{"country_code":"NL","party_id":"AB","roles":["CPO"],"name":"x"}""", "party_id")]
    [InlineData("""{"country_code":"NL","party_id":"ABC","roles":["KING"],"name":"x"}""", "roles")]
    [InlineData("""{"country_code":"NL","party_id":"ABC","roles":[],"name":"x"}""", "roles")]
    [InlineData("""{"country_code":"NL","party_id":"ABC","roles":["CPO"]}""", "name")]
    [InlineData("""{"country_code":"NL","party_id":"ABC","roles":["CPO"],"name":"x","parent":"NL*NOP"}""", "parent")]
    [InlineData("""{"country_code":"NL",""", "JSON")]
    public async Task Invalid_parties_are_400_problems_naming_the_field(string json, string field)
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await _admin.PostAsync("/admin/parties", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["detail"]!);
        Assert.Empty(JsonNode.Parse(await _admin.GetStringAsync("/admin/parties", ct))!.AsArray());
    }

    [Fact]
    public async Task Duplicate_is_409()
    {
        var body = new { country_code = "DE", party_id = "ABC", roles = new[] { "EMSP" }, name = "x" };
        Assert.Equal(HttpStatusCode.Created, (await Create(body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Create(body with { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Create(new { country_code = "de", party_id = "abc", roles = new[] { "CPO" }, name = "y" })).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/admin/parties")]
    [InlineData("POST", "/admin/parties")]
    [InlineData("GET", "/admin/parties/NL/ABC")]
    [InlineData("PATCH", "/admin/parties/NL/ABC")]
    [InlineData("GET", "/admin/connections")]
    [InlineData("POST", "/admin/connections/invitations")]
    [InlineData("POST", "/admin/connections")]
    [InlineData("DELETE", "/admin/connections/x")]
    [InlineData("POST", "/admin/connections/x/rotate")]
    public async Task Every_admin_route_refuses_an_unauthenticated_caller(string method, string path)
    {
        var anonymous = _platform.CreateClient();
        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
