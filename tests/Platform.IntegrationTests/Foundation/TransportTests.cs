using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Api.Tenancy;
using Platform.IntegrationTests.Infrastructure;
using Platform.Ocpi.Transport;

namespace Platform.IntegrationTests.Foundation;

/// <summary>OCPI transport basics through the real pipeline: authentication, envelopes, ids, errors.</summary>
public sealed class TransportTests : IAsyncLifetime
{
    private readonly PlatformFactory _platform = new();
    private HttpClient _http = null!;

    public ValueTask InitializeAsync()
    {
        _http = _platform.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _platform.DisposeAsync();

    private async Task<HttpResponseMessage> GetWithToken(string path, string token, bool raw = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", CredentialsTokenHeader.Encode(token, raw));
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<HttpResponseMessage> GetWithIds(string path, string requestId, string correlationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Request-ID", requestId);
        request.Headers.Add("X-Correlation-ID", correlationId);
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<JsonObject> Envelope(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.NotNull(body["status_code"]);
        Assert.EndsWith("Z", (string)body["timestamp"]!);
        return body;
    }

    [Fact]
    public async Task Versions_without_a_token_is_401_with_an_envelope()
    {
        var response = await _http.GetAsync("/ocpi/versions", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Envelope(response);
    }

    [Fact]
    public async Task Versions_with_an_unknown_token_is_401_and_the_token_is_not_logged()
    {
        const string unknown = "no-such-token-123456789";
        var response = await GetWithToken("/ocpi/versions", unknown);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Envelope(response);
        Assert.DoesNotContain(unknown, _platform.Log.Text);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(unknown)), _platform.Log.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_known_token_reads_versions_base64_or_raw(bool raw)
    {
        var token = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.A);
        var response = await GetWithToken("/ocpi/versions", token, raw);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Envelope(response);
        Assert.Equal(1000, (int)body["status_code"]!);
        Assert.Equal(["2.1.1", "2.2.1", "2.3.0"], body["data"]!.AsArray().Select(v => (string)v!["version"]!));
        Assert.Equal("http://localhost/ocpi/2.2.1", (string)body["data"]![1]!["url"]!);
        Assert.DoesNotContain(token, _platform.Log.Text);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.A, DateTime.UtcNow.AddMinutes(-1));
        var response = await GetWithToken("/ocpi/versions", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Broken_json_is_400_with_an_envelope()
    {
        var token = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.A);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ocpi/2.2.1/credentials")
        {
            Content = new StringContent("{\"token\": \"abc\", ", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", CredentialsTokenHeader.Encode(token));
        var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Envelope(response);
        Assert.Contains("not valid JSON", (string)body["status_message"]!);
    }

    [Fact]
    public async Task Token_A_is_refused_outside_versions_and_credentials()
    {
        var token = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.A);
        var response = await GetWithToken("/ocpi/2.2.1/sender/locations", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Envelope(response);
    }

    [Theory]
    [InlineData("/ocpi/2.1.1")]
    [InlineData("/ocpi/2.3.0")]
    [InlineData("/ocpi/2.1.1/sender/locations")]
    [InlineData("/ocpi/2.3.0/receiver/sessions/NL/CPO/S1")]
    public async Task Every_version_needs_a_known_token_and_token_A_opens_only_versions_and_credentials(string path)
    {
        var anonymous = await _http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await Envelope(anonymous);
        var tokenA = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.A);
        var withA = await GetWithToken(path, tokenA, raw: path.Contains("2.1.1", StringComparison.Ordinal));
        Assert.Equal(path.Count(c => c == '/') == 2 ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, withA.StatusCode);
    }

    [Fact]
    public async Task A_version_this_platform_does_not_speak_is_404()
    {
        var token = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.C);
        Assert.Equal(HttpStatusCode.NotFound, (await GetWithToken("/ocpi/2.0/sender/locations", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetWithToken("/ocpi/9.9.9", token)).StatusCode);
    }

    [Fact]
    public async Task Unknown_ocpi_route_is_404_with_an_envelope()
    {
        var token = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.C);
        var response = await GetWithToken("/ocpi/2.2.1/no-such-module", token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await Envelope(response);
    }

    [Fact]
    public async Task Request_and_correlation_ids_are_echoed_or_generated()
    {
        var response = await GetWithIds("/ocpi/versions", "req-123", "corr-456");
        Assert.Equal("req-123", response.Headers.GetValues("X-Request-ID").Single());
        Assert.Equal("corr-456", response.Headers.GetValues("X-Correlation-ID").Single());
        Assert.Contains(_platform.Log.Lines, l => l.Contains("corr-456"));

        var generated = await _http.GetAsync("/ocpi/versions", TestContext.Current.CancellationToken);
        Assert.True(Guid.TryParse(generated.Headers.GetValues("X-Request-ID").Single(), out _));
        Assert.NotEmpty(generated.Headers.GetValues("X-Correlation-ID").Single());
    }

    [Fact]
    public async Task A_request_ends_with_one_line_that_carries_its_ids_and_no_query()
    {
        var response = await GetWithIds("/ocpi/versions?offset=7", "req-line-1", "corr-line-1");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        // The line is written as the request ends, which may be just after the client has its answer.
        await Scenario.Eventually(() => Task.FromResult(_platform.Log.Lines.Any(l => l.Contains("corr-line-1") && l.Contains("responded"))),
            "the request's line is written");
        var line = Assert.Single(_platform.Log.Lines, l => l.Contains("corr-line-1") && l.Contains("responded"));
        Assert.StartsWith("HTTP \"GET\" \"/ocpi/versions\" responded 401 in ", line);
        Assert.Contains("XRequestId=\"req-line-1\"", line);
        Assert.Contains("XCorrelationId=\"corr-line-1\"", line);
    }

    [Fact]
    public async Task Version_details_list_credentials_once_as_sender()
    {
        var token = await TestData.IssueTokenAsync(_platform.Services, CredentialsTokenKind.A);
        var body = await Envelope(await GetWithToken("/ocpi/2.2.1", token));
        var credentials = body["data"]!["endpoints"]!.AsArray().Where(e => (string)e!["identifier"]! == "credentials").ToList();
        Assert.Single(credentials);
        Assert.Equal("SENDER", (string)credentials[0]!["role"]!);
        Assert.Equal("http://localhost/ocpi/2.2.1/credentials", (string)credentials[0]!["url"]!);
    }
}
