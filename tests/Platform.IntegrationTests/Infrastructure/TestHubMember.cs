using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Ocpi.Transport;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>One request a <see cref="TestHubMember"/> received; <see cref="Token"/> is the decoded credentials token.</summary>
public sealed record HubMemberRequest(string Method, string PathAndQuery, string? Token, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>OCPI-from as "CC*PID", or null.</summary>
    public string? From => Header(OcpiHeaders.FromCountryCode) is { } cc ? $"{cc}*{Header(OcpiHeaders.FromPartyId)}" : null;

    /// <summary>OCPI-to as "CC*PID", or null.</summary>
    public string? To => Header(OcpiHeaders.ToCountryCode) is { } cc ? $"{cc}*{Header(OcpiHeaders.ToPartyId)}" : null;
}

/// <summary>
/// A scripted platform behind a <see cref="TestHub"/>, for testing the hub without a platform instance: it
/// registers with the hub as the credentials initiator, lists every module both ways plus a hubclientinfo
/// Receiver, answers the hub only with its token B, records every request, and answers functional-module
/// requests with <see cref="Answer"/> (default: status 1000 without data).
/// </summary>
public sealed class TestHubMember : IAsyncDisposable
{
    private static readonly string[] Modules = ["locations", "sessions", "cdrs", "tariffs", "tokens", "commands", "chargingprofiles"];

    private readonly WebApplication _app;
    private readonly HttpClient _http = new();
    private readonly ConcurrentQueue<HubMemberRequest> _requests = new();

    private TestHubMember(WebApplication app, string role, string party)
    {
        _app = app;
        Role = role;
        Party = party;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string Url { get; }

    public string VersionsUrl => Url + "/ocpi/versions";

    public string Role { get; }

    /// <summary>"CC*PID".</summary>
    public string Party { get; }

    /// <summary>The token the hub calls this member with.</summary>
    public string TokenB { get; } = "member-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>The token this member calls the hub with, once registered.</summary>
    public string? TokenC { get; private set; }

    /// <summary>Writes the answer to a functional-module request; null answers status 1000 without data.</summary>
    public Func<HubMemberRequest, HttpContext, Task>? Answer { get; set; }

    public IReadOnlyList<HubMemberRequest> Requests => _requests.ToList();

    /// <summary>The functional-module requests among <see cref="Requests"/>: what the hub routed here.</summary>
    public IReadOnlyList<HubMemberRequest> Routed =>
        _requests.Where(r => r.PathAndQuery.StartsWith("/ocpi/2.2.1/", StringComparison.Ordinal)
            && !r.PathAndQuery.Contains("/hubclientinfo", StringComparison.Ordinal)
            && r.PathAndQuery.Split('?')[0].Count(c => c == '/') > 3).ToList();

    public string EndpointUrl(string module, string iface) => $"{Url}/ocpi/2.2.1/{iface}/{module}";

    public static async Task<TestHubMember> StartAsync(string role, string party)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TestHubMember? member = null;
        app.Run(http => member!.HandleAsync(http));
        await app.StartAsync();
        member = new TestHubMember(app, role, party);
        return member;
    }

    /// <summary>
    /// The registration a platform does (digest §3.4, initiator side): versions and details of the hub with a fresh
    /// token A, then POST of this member's credentials. Returns the POST's answer; on success <see cref="TokenC"/> is set.
    /// </summary>
    public async Task<OcpiAnswer> RegisterAsync(TestHub hub, CancellationToken ct = default)
    {
        var tokenA = hub.Invite();
        using var client = new OcpiClient(tokenA);
        var versions = await client.GetAsync(hub.VersionsUrl, ct);
        var detailsUrl = (string)versions.Data!.AsArray().Single(v => (string?)v!["version"] == "2.2.1")!["url"]!;
        var details = await client.GetAsync(detailsUrl, ct);
        var credentialsUrl = (string)details.Data!["endpoints"]!.AsArray().Single(e => (string?)e!["identifier"] == "credentials")!["url"]!;
        var answer = await client.PostAsync(credentialsUrl, Credentials(TokenB), ct);
        if (answer.StatusCode == 1000) TokenC = (string)answer.Data!["token"]!;
        return answer;
    }

    public JsonObject Credentials(string token)
    {
        var (cc, pid) = Split(Party);
        return new JsonObject
        {
            ["token"] = token,
            ["url"] = VersionsUrl,
            ["roles"] = new JsonArray(new JsonObject
            {
                ["role"] = Role, ["business_details"] = new JsonObject { ["name"] = "Member " + Party }, ["party_id"] = pid, ["country_code"] = cc,
            }),
        };
    }

    /// <summary>
    /// A request to the hub with token C and the ids given (new ones when null), so a test knows what it sent.
    /// <paramref name="from"/>/<paramref name="to"/> are "CC*PID".
    /// </summary>
    public async Task<OcpiAnswer> CallAsync(HttpMethod method, string url, object? body = null, string? from = null, string? to = null,
        string? requestId = null, string? correlationId = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(TokenC ?? throw new InvalidOperationException("not registered")));
        request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, requestId ?? Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, correlationId ?? Guid.NewGuid().ToString());
        if (from is not null)
        {
            var (cc, pid) = Split(from);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.FromCountryCode, cc);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.FromPartyId, pid);
        }
        if (to is not null)
        {
            var (cc, pid) = Split(to);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.ToCountryCode, cc);
            request.Headers.TryAddWithoutValidation(OcpiHeaders.ToPartyId, pid);
        }
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonObject? envelope = null;
        try
        {
            envelope = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
        }
        return new OcpiAnswer(response.StatusCode, response.Headers, envelope, text);
    }

    public static Task WriteEnvelopeAsync(HttpContext http, JsonNode? data, int status = 1000)
    {
        var envelope = new JsonObject { ["data"] = data, ["status_code"] = status, ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'") };
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(envelope.ToJsonString(), http.RequestAborted);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
        var candidates = CredentialsTokenHeader.Candidates(http.Request.Headers.Authorization);
        var request = new HubMemberRequest(http.Request.Method, http.Request.Path.Value + http.Request.QueryString.Value,
            candidates.Count > 0 ? candidates[0] : null,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body);
        _requests.Enqueue(request);

        if (request.Token != TokenB)
        {
            http.Response.StatusCode = 401;
            await WriteEnvelopeAsync(http, null, 2000);
            return;
        }
        var segments = (http.Request.Path.Value ?? "").Trim('/').Split('/');
        switch (segments)
        {
            case ["ocpi", "versions"]:
                await WriteEnvelopeAsync(http, new JsonArray(new JsonObject { ["version"] = "2.2.1", ["url"] = $"{Url}/ocpi/2.2.1" }));
                return;
            case ["ocpi", "2.2.1"]:
                var endpoints = new JsonArray(
                    Endpoint("credentials", "SENDER", $"{Url}/ocpi/2.2.1/credentials"),
                    Endpoint("hubclientinfo", "RECEIVER", EndpointUrl("hubclientinfo", "receiver")));
                foreach (var module in Modules)
                {
                    endpoints.Add(Endpoint(module, "SENDER", EndpointUrl(module, "sender")));
                    endpoints.Add(Endpoint(module, "RECEIVER", EndpointUrl(module, "receiver")));
                }
                await WriteEnvelopeAsync(http, new JsonObject { ["version"] = "2.2.1", ["endpoints"] = endpoints });
                return;
            case ["ocpi", "2.2.1", "receiver", "hubclientinfo", ..]:
                await WriteEnvelopeAsync(http, null);
                return;
        }
        if (Answer is { } answer) await answer(request, http);
        else await WriteEnvelopeAsync(http, null);

        static JsonObject Endpoint(string module, string role, string url) => new() { ["identifier"] = module, ["role"] = role, ["url"] = url };
    }

    private static (string CountryCode, string PartyId) Split(string party) =>
        party.Split('*') is [var cc, var pid] ? (cc, pid) : throw new ArgumentException($"'{party}' is not COUNTRY*PARTY", nameof(party));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }
}
