using System.Collections.Concurrent;
using System.Security.Cryptography;
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

/// <summary>One request the fake peer received; <see cref="Token"/> is the decoded credentials token, if any.</summary>
public sealed record FakePeerRequest(string Method, string Path, string? Token, JsonNode? Body)
{
    /// <summary>The query string, "?" included, or empty.</summary>
    public string Query { get; init; } = "";

    /// <summary>The Authorization header as sent (a 2.1.1 token travels raw, a 2.2.1 one Base64-encoded).</summary>
    public string Authorization { get; init; } = "";
}

/// <summary>
/// A scripted OCPI peer on Kestrel at 127.0.0.1: versions, version details and a credentials endpoint, with
/// whatever versions and modules a test wants, recording every request. It accepts any token. The test drives
/// its side of a handshake with <see cref="OcpiClient"/>, so it knows every token on the wire.
/// </summary>
public sealed class FakePeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakePeerRequest> _requests = new();
    private readonly ConcurrentQueue<string> _issued = new();

    private FakePeer(WebApplication app)
    {
        _app = app;
        Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string Url { get; }

    public string VersionsUrl => Url + "/ocpi/versions";

    public string VersionUrl(string version = "2.2.1") => $"{Url}/ocpi/{version}";

    public string CredentialsUrl(string version = "2.2.1") => $"{VersionUrl(version)}/credentials";

    /// <summary>The versions listed at the versions endpoint; each has a details endpoint.</summary>
    public List<string> Versions { get; } = ["2.2.1"];

    /// <summary>The (module, role) pairs the version details list.</summary>
    public List<(string Module, string Role)> Modules { get; } = [("credentials", "SENDER"), ("locations", "RECEIVER")];

    /// <summary>The role entry of the credentials this peer sends ("EMSP", "DE", "FAK" by default).</summary>
    public (string Role, string CountryCode, string PartyId) Party { get; set; } = ("EMSP", "DE", "FAK");

    /// <summary>Paths (e.g. "/ocpi/2.2.1") answered HTTP 401 instead, as if the peer refused the token.</summary>
    public HashSet<string> RefusedPaths { get; } = [];

    /// <summary>Runs before each answer (e.g. to hold a request until another has arrived).</summary>
    public Func<FakePeerRequest, Task>? BeforeAnswer { get; set; }

    public IReadOnlyList<FakePeerRequest> Requests => _requests.ToList();

    /// <summary>
    /// Answers what the fake does not serve itself (e.g. a command POST): HTTP status, the envelope's data and
    /// status_code, or null for the 404 it gives otherwise.
    /// </summary>
    public Func<FakePeerRequest, (int Http, JsonNode? Data, int Code)?>? Answer { get; set; }

    /// <summary>Answers with an HTTP status and a body that is no OCPI envelope (a proxy, a wrong URL), before <see cref="Answer"/>.</summary>
    public Func<FakePeerRequest, (int Http, string Body)?>? Bare { get; set; }

    /// <summary>Extra response headers (e.g. paging) for what <see cref="Answer"/> answers.</summary>
    public Func<FakePeerRequest, IReadOnlyDictionary<string, string>?>? Headers { get; set; }

    /// <summary>Every token this peer handed out in a credentials answer, oldest first.</summary>
    public IReadOnlyList<string> IssuedTokens => _issued.ToList();

    /// <param name="port">0 for a free one; a port a stopped fake peer had, to bring "the same peer" back.</param>
    public static async Task<FakePeer> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        FakePeer? peer = null;
        app.Run(http => peer!.HandleAsync(http));
        await app.StartAsync();
        peer = new FakePeer(app);
        return peer;
    }

    /// <summary>A fresh random token in the shape OCPI allows (printable ASCII, at most 64 characters).</summary>
    public static string NewToken() => "peer-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20));

    /// <summary>This peer's credentials object, with <paramref name="token"/> for the other side to call it with.</summary>
    public JsonObject Credentials(string token) => new()
    {
        ["token"] = token,
        ["url"] = VersionsUrl,
        ["roles"] = new JsonArray(new JsonObject
        {
            ["role"] = Party.Role,
            ["business_details"] = new JsonObject { ["name"] = "Fake peer" },
            ["party_id"] = Party.PartyId,
            ["country_code"] = Party.CountryCode,
        }),
    };

    private async Task HandleAsync(HttpContext http)
    {
        JsonNode? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var text = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
            try
            {
                body = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
            }
        }
        var candidates = CredentialsTokenHeader.Candidates(http.Request.Headers.Authorization);
        var request = new FakePeerRequest(http.Request.Method, http.Request.Path.Value ?? "", candidates.Count > 0 ? candidates[0] : null, body)
        {
            Query = http.Request.QueryString.Value ?? "",
            Authorization = http.Request.Headers.Authorization.ToString(),
        };
        _requests.Enqueue(request);
        // Like any OCPI 2.2.1 platform, it echoes the ids of the request (transport_and_format §Request headers).
        foreach (var id in new[] { OcpiHeaders.RequestId, OcpiHeaders.CorrelationId })
            if (http.Request.Headers[id].ToString() is { Length: > 0 } value) http.Response.Headers[id] = value;
        if (BeforeAnswer is { } before) await before(request);

        if (RefusedPaths.Contains(request.Path))
        {
            http.Response.StatusCode = 401;
            await Envelope(http, null, 2000, "unknown token");
            return;
        }
        var segments = request.Path.Trim('/').Split('/');
        if (segments is ["ocpi", "versions"] && request.Method == "GET")
        {
            await Envelope(http, new JsonArray(Versions.Select(v => (JsonNode)new JsonObject { ["version"] = v, ["url"] = VersionUrl(v) }).ToArray()));
            return;
        }
        if (segments is ["ocpi", var version] && Versions.Contains(version) && request.Method == "GET")
        {
            await Envelope(http, new JsonObject
            {
                ["version"] = version,
                ["endpoints"] = new JsonArray(Modules.Select(m => (JsonNode)new JsonObject
                {
                    ["identifier"] = m.Module, ["role"] = m.Role, ["url"] = $"{VersionUrl(version)}/{m.Module}",
                }).ToArray()),
            });
            return;
        }
        if (segments is ["ocpi", var v, "credentials"] && Versions.Contains(v))
        {
            if (request.Method is "POST" or "PUT")
            {
                var token = NewToken();
                _issued.Enqueue(token);
                await Envelope(http, Credentials(token));
                return;
            }
            if (request.Method == "DELETE")
            {
                await Envelope(http, null);
                return;
            }
        }
        if (Bare?.Invoke(request) is { } bare)
        {
            http.Response.StatusCode = bare.Http;
            http.Response.ContentType = "text/html";
            await http.Response.WriteAsync(bare.Body, http.RequestAborted);
            return;
        }
        if (Answer?.Invoke(request) is { } answer)
        {
            http.Response.StatusCode = answer.Http;
            foreach (var (name, value) in Headers?.Invoke(request) ?? new Dictionary<string, string>()) http.Response.Headers[name] = value;
            await Envelope(http, answer.Data?.DeepClone(), answer.Code);
            return;
        }
        http.Response.StatusCode = 404;
        await Envelope(http, null, 2000, "not here");
    }

    private static Task Envelope(HttpContext http, JsonNode? data, int status = 1000, string? message = null)
    {
        var envelope = new JsonObject
        {
            ["data"] = data,
            ["status_code"] = status,
            ["status_message"] = message,
            ["timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        };
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(envelope.ToJsonString(), http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
