using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Platform.Ocpi.Transport;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// The hub's configuration modules: versions, credentials (the hub is the receiver of every registration) and
/// hubclientinfo (Sender list, and the ClientInfo PUTs it owes every platform).
/// </summary>
public sealed partial class TestHub
{
    /// <summary>
    /// A platform stores the hub's token C only once our POST answer reached it; a ClientInfo PUT sent before that
    /// would find its connection still pending.
    /// </summary>
    private static readonly TimeSpan AnnounceDelay = TimeSpan.FromMilliseconds(250);

    private async Task HandleAsync(HttpContext http)
    {
        var requestId = Header(http.Request.Headers, OcpiHeaders.RequestId);
        var correlationId = Header(http.Request.Headers, OcpiHeaders.CorrelationId);
        // The caller's own ids come back on the answer, also on a relayed one (digest §1.3).
        http.Response.Headers[OcpiHeaders.RequestId] = requestId ?? Guid.NewGuid().ToString();
        http.Response.Headers[OcpiHeaders.CorrelationId] = correlationId ?? Guid.NewGuid().ToString();

        var (platform, tokenA) = Authenticate(http);
        if (platform is null && tokenA is null)
        {
            await WriteEnvelopeAsync(http, null, 2000, "unknown or missing credentials token", StatusCodes.Status401Unauthorized);
            return;
        }
        var method = http.Request.Method;
        var segments = (http.Request.Path.Value ?? "").Trim('/').Split('/');
        switch (segments)
        {
            case ["ocpi", "versions"] when method == "GET":
                await WriteEnvelopeAsync(http, new JsonArray(new JsonObject { ["version"] = Version, ["url"] = $"{Url}/ocpi/{Version}" }));
                return;
            case ["ocpi", Version] when method == "GET":
                await WriteEnvelopeAsync(http, VersionDetails());
                return;
            case ["ocpi", Version, "credentials"]:
                await CredentialsAsync(http, platform, tokenA);
                return;
        }
        if (platform is null)
        {
            await WriteEnvelopeAsync(http, null, 2000, "token A opens only versions and credentials", StatusCodes.Status401Unauthorized);
            return;
        }
        switch (segments)
        {
            case ["ocpi", Version, "sender", "hubclientinfo"] when method == "GET":
                await ClientInfoListAsync(http, platform);
                return;
            case ["ocpi", Version, "sender" or "receiver", var module, ..] when RoutedModules.Contains(module):
                await RouteAsync(http, platform, segments[2], module, requestId, correlationId);
                return;
            case ["hub", "callback", var id] when method == "POST":
                await CallbackAsync(http, id, requestId, correlationId);
                return;
        }
        await WriteEnvelopeAsync(http, null, 2000, "no such endpoint on the test hub", StatusCodes.Status404NotFound);
    }

    /// <summary>The platform a token C belongs to, or the token A it is; both null for anything else.</summary>
    private (HubPlatform? Platform, string? TokenA) Authenticate(HttpContext http)
    {
        var candidates = CredentialsTokenHeader.Candidates(http.Request.Headers.Authorization);
        lock (_gate)
        {
            foreach (var candidate in candidates)
            {
                if (_platforms.FirstOrDefault(p => p.TokenC == candidate) is { } platform) return (platform, null);
                if (_invitations.Contains(candidate)) return (null, candidate);
            }
        }
        return (null, null);
    }

    private JsonObject VersionDetails()
    {
        var endpoints = new JsonArray(
            Endpoint("credentials", "SENDER", $"{Url}/ocpi/{Version}/credentials"),
            Endpoint("hubclientinfo", "SENDER", HubEndpointUrl("hubclientinfo", "sender")));
        foreach (var module in RoutedModules)
        {
            endpoints.Add(Endpoint(module, "SENDER", HubEndpointUrl(module, "sender")));
            endpoints.Add(Endpoint(module, "RECEIVER", HubEndpointUrl(module, "receiver")));
        }
        return new JsonObject { ["version"] = Version, ["endpoints"] = endpoints };

        static JsonObject Endpoint(string module, string role, string url) => new() { ["identifier"] = module, ["role"] = role, ["url"] = url };
    }

    /// <summary>The hub's own endpoint of a module for an interface ("sender"/"receiver").</summary>
    private string HubEndpointUrl(string module, string iface) => $"{Url}/ocpi/{Version}/{iface}/{module}";

    /// <summary>2.2.1 Hub credentials: the hub's one HUB role and nothing of the parties behind it (H1).</summary>
    private JsonObject HubCredentials(string tokenC) => new()
    {
        ["token"] = tokenC,
        ["url"] = VersionsUrl,
        ["roles"] = new JsonArray(new JsonObject
        {
            ["role"] = "HUB",
            ["business_details"] = new JsonObject { ["name"] = "Test Hub" },
            ["party_id"] = PartyId,
            ["country_code"] = CountryCode,
        }),
    };

    private async Task CredentialsAsync(HttpContext http, HubPlatform? platform, string? tokenA)
    {
        var method = http.Request.Method;
        if (method == "GET" && platform is not null)
        {
            await WriteEnvelopeAsync(http, HubCredentials(platform.TokenC));
            return;
        }
        if (method == "DELETE" && platform is not null)
        {
            lock (_gate)
            {
                _platforms.RemoveAll(p => p.Id == platform.Id);
                foreach (var role in platform.Roles) _states.Remove(role.Key);
            }
            await WriteEnvelopeAsync(http, null);
            return;
        }
        if (method == "POST" && platform is not null)
        {
            await WriteEnvelopeAsync(http, null, 2000, "already registered: update with PUT", StatusCodes.Status405MethodNotAllowed);
            return;
        }
        if (method is not ("POST" or "PUT") || (method == "PUT" && platform is null))
        {
            await WriteEnvelopeAsync(http, null, 2000, $"{method} is not allowed here with this token", StatusCodes.Status405MethodNotAllowed);
            return;
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(await ReadBodyAsync(http));
        }
        catch (JsonException)
        {
            await WriteEnvelopeAsync(http, null, 2000, "the body is not JSON", StatusCodes.Status400BadRequest);
            return;
        }
        if (ReadCredentials(body) is not var (tokenB, versionsUrl, roles))
        {
            await WriteEnvelopeAsync(http, null, 2001, "credentials need token, url and at least one role with role, country_code and party_id");
            return;
        }
        var (endpoints, failure, error) = await DiscoverAsync(versionsUrl, tokenB, http.RequestAborted);
        if (endpoints is null)
        {
            await WriteEnvelopeAsync(http, null, failure, error);
            return;
        }

        var tokenC = NewToken();
        HubPlatform? registered = null;
        List<string> earlier = [];
        lock (_gate)
        {
            if (platform is null)
            {
                // A second POST racing with the first one must not register the platform twice.
                if (_invitations.Remove(tokenA!))
                {
                    earlier = _platforms.Select(p => p.Id).ToList();
                    _platforms.Add(registered = new HubPlatform(Guid.NewGuid().ToString("N"), versionsUrl, tokenB, tokenC, roles, endpoints));
                }
            }
            else if (_platforms.FindIndex(p => p.Id == platform.Id) is var index and >= 0)
            {
                _platforms[index] = registered = platform with
                {
                    VersionsUrl = versionsUrl, TokenB = tokenB, TokenC = tokenC, Roles = roles, Endpoints = endpoints,
                };
            }
            if (registered is not null)
                foreach (var role in roles) _states.TryAdd(role.Key, new PartyState("CONNECTED", DateTime.UtcNow));
        }
        if (registered is null)
        {
            await WriteEnvelopeAsync(http, null, 2000, "this token is no longer valid", StatusCodes.Status401Unauthorized);
            return;
        }
        await WriteEnvelopeAsync(http, HubCredentials(tokenC));
        var id = registered.Id;
        if (platform is null) RunInBackground(ct => AnnounceAsync(id, earlier, ct));
    }

    private static (string Token, string Url, IReadOnlyList<HubRole> Roles)? ReadCredentials(JsonNode? body)
    {
        if (body is not JsonObject o || Text(o["token"]) is not { Length: > 0 } token || Text(o["url"]) is not { } url
            || !Uri.TryCreate(url, UriKind.Absolute, out _) || o["roles"] is not JsonArray { Count: > 0 } list)
            return null;
        var roles = new List<HubRole>();
        foreach (var entry in list)
        {
            if (entry is not JsonObject r || Text(r["role"]) is not { Length: > 0 } role || Text(r["country_code"]) is not { Length: > 0 } cc
                || Text(r["party_id"]) is not { Length: > 0 } pid)
                return null;
            roles.Add(new HubRole(role, cc, pid));
        }
        return (token, url, roles);
    }

    /// <summary>A registering platform's 2.2.1 endpoints, read with its token B; else the status code 3001/3002 and why.</summary>
    private async Task<(IReadOnlyList<HubEndpoint>? Endpoints, int Failure, string Error)> DiscoverAsync(string versionsUrl, string tokenB,
        CancellationToken ct)
    {
        var versions = await SendAsync(HttpMethod.Get, versionsUrl, tokenB, null, null, [], Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), ct);
        if (versions.OcpiStatus != 1000 || versions.Envelope?["data"] is not JsonArray list)
            return (null, 3001, $"GET {versionsUrl} answered {Describe(versions)}");
        var detailsUrl = list.OfType<JsonObject>().Where(v => Text(v["version"]) == Version).Select(v => Text(v["url"])).FirstOrDefault();
        if (detailsUrl is null) return (null, 3002, $"{versionsUrl} lists no version {Version}");
        var details = await SendAsync(HttpMethod.Get, detailsUrl, tokenB, null, null, [], Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), ct);
        if (details.OcpiStatus != 1000 || details.Envelope?["data"]?["endpoints"] is not JsonArray endpoints)
            return (null, 3001, $"GET {detailsUrl} answered {Describe(details)}");
        return (endpoints.OfType<JsonObject>()
            .Where(e => Text(e["identifier"]) is not null && Text(e["url"]) is not null)
            .Select(e => new HubEndpoint(Text(e["identifier"])!, Text(e["role"]), Text(e["url"])!))
            .ToList(), 0, "");
    }

    /// <summary>
    /// After a registration: the newcomer learns every party already behind the hub, and every platform registered
    /// <paramref name="earlier"/> learns the newcomer's parties (digest §4.8), one ClientInfo per role. Platforms
    /// registering later do the same from their side, so each pair is announced once.
    /// </summary>
    private async Task AnnounceAsync(string platformId, IReadOnlyList<string> earlier, CancellationToken ct)
    {
        await Task.Delay(AnnounceDelay, ct);
        HubPlatform? newcomer;
        List<HubPlatform> others;
        Dictionary<string, PartyState> states;
        lock (_gate)
        {
            newcomer = _platforms.FirstOrDefault(p => p.Id == platformId);
            others = _platforms.Where(p => earlier.Contains(p.Id)).ToList();
            states = new Dictionary<string, PartyState>(_states);
        }
        if (newcomer is null) return;
        foreach (var other in others)
            foreach (var role in other.Roles)
                if (states.TryGetValue(role.Key, out var state)) await PushClientInfoAsync(newcomer, role, state, ct);
        foreach (var other in others)
            foreach (var role in newcomer.Roles)
                if (states.TryGetValue(role.Key, out var state)) await PushClientInfoAsync(other, role, state, ct);
    }

    private async Task PushClientInfoAsync(HubPlatform target, HubRole role, PartyState state, CancellationToken ct)
    {
        var endpoint = target.Endpoint("hubclientinfo", "RECEIVER");
        if (endpoint is null)
        {
            _pushes.Enqueue(new ClientInfoPush(target.VersionsUrl, role.Party, role.Role, state.Status, null, null,
                "the platform lists no hubclientinfo RECEIVER endpoint"));
            return;
        }
        var url = $"{endpoint.TrimEnd('/')}/{Uri.EscapeDataString(role.CountryCode)}/{Uri.EscapeDataString(role.PartyId)}";
        var body = JsonSerializer.SerializeToUtf8Bytes(ClientInfo(role, state));
        var answer = await SendAsync(HttpMethod.Put, url, target.TokenB, body, "application/json", [], Guid.NewGuid().ToString(),
            Guid.NewGuid().ToString(), ct);
        _pushes.Enqueue(new ClientInfoPush(target.VersionsUrl, role.Party, role.Role, state.Status, answer.HttpStatus, answer.OcpiStatus, answer.Error));
    }

    private static JsonObject ClientInfo(HubRole role, PartyState state) => new()
    {
        ["party_id"] = role.PartyId,
        ["country_code"] = role.CountryCode,
        ["role"] = role.Role,
        ["status"] = state.Status,
        ["last_updated"] = Timestamp(state.LastUpdated),
    };

    /// <summary>GET on the hub's hubclientinfo Sender: every party behind the hub but the caller's own, all in one page.</summary>
    private Task ClientInfoListAsync(HttpContext http, HubPlatform caller)
    {
        var list = new JsonArray();
        lock (_gate)
        {
            foreach (var platform in _platforms.Where(p => p.Id != caller.Id))
                foreach (var role in platform.Roles)
                    if (_states.TryGetValue(role.Key, out var state)) list.Add(ClientInfo(role, state));
        }
        http.Response.Headers[OcpiHeaders.TotalCount] = list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.Headers[OcpiHeaders.Limit] = Math.Max(list.Count, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteEnvelopeAsync(http, list);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        return buffer.ToArray();
    }

    private static Task WriteEnvelopeAsync(HttpContext http, JsonNode? data, int status = 1000, string? message = null,
        int httpStatus = StatusCodes.Status200OK)
    {
        var envelope = new JsonObject();
        if (data is not null) envelope["data"] = data;
        envelope["status_code"] = status;
        if (message is not null) envelope["status_message"] = message;
        envelope["timestamp"] = Timestamp(DateTime.UtcNow);
        http.Response.StatusCode = httpStatus;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(envelope.ToJsonString(), http.RequestAborted);
    }

    private static string Timestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A header's value, or null when absent or empty.</summary>
    private static string? Header(IHeaderDictionary headers, string name)
    {
        var value = headers[name].ToString();
        return value.Length > 0 ? value : null;
    }

    private static string Describe(TargetAnswer answer) =>
        answer.Failure is not null ? answer.Error ?? "nothing" : $"HTTP {answer.HttpStatus}, status_code {answer.OcpiStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
}
