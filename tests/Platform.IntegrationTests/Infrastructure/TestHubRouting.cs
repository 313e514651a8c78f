using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Platform.Ocpi.Transport;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// Routing of functional-module traffic (digest §2): directed requests to the platform hosting the OCPI-to party,
/// broadcast pushes and GET all when OCPI-to is the hub, and the hub callbacks standing in for <c>response_url</c>.
/// </summary>
public sealed partial class TestHub
{
    private static readonly string[] RoutingHeaders =
        [OcpiHeaders.ToCountryCode, OcpiHeaders.ToPartyId, OcpiHeaders.FromCountryCode, OcpiHeaders.FromPartyId];

    /// <summary>Response headers a relayed answer keeps besides the routing headers; URLs among them are rewritten.</summary>
    private static readonly string[] RelayedHeaders = [OcpiHeaders.TotalCount, OcpiHeaders.Limit];

    /// <summary>Modules whose requests carry a <c>response_url</c> the receiver POSTs a result to later.</summary>
    private static readonly string[] AsyncModules = ["commands", "chargingprofiles"];

    private const int MaxGetAllPages = 50;

    private async Task RouteAsync(HttpContext http, HubPlatform caller, string iface, string module, string? requestId, string? correlationId)
    {
        var request = http.Request;
        var body = await ReadBodyAsync(http);
        if (!TryReadParty(request.Headers, OcpiHeaders.FromCountryCode, OcpiHeaders.FromPartyId, out var from)
            || !TryReadParty(request.Headers, OcpiHeaders.ToCountryCode, OcpiHeaders.ToPartyId, out var to))
        {
            await HubAnswerAsync(http, null, null, 2001, "send both OCPI-…-country-code and OCPI-…-party-id, or neither");
            return;
        }
        if (from is not null && !caller.Roles.Any(r => r.Key == KeyOf(from)))
        {
            await HubAnswerAsync(http, from, null, 2001, $"OCPI-from names {from}, which is not a party of your platform");
            return;
        }
        if (to is null)
        {
            await HubAnswerAsync(http, from, null, 4001, "no OCPI-to: the test hub does not route open routing requests");
            return;
        }

        var prefix = $"/ocpi/{Version}/{iface}/{module}";
        var route = new HubRoute(caller, iface, module, new PathString(request.Path.Value![prefix.Length..]).ToUriComponent(),
            request.QueryString.Value ?? "", from, to, requestId, correlationId ?? Guid.NewGuid().ToString());
        http.Response.Headers[OcpiHeaders.CorrelationId] = route.CorrelationId;

        if (KeyOf(to) != HubKey)
            await DirectedAsync(http, route, body);
        else if (request.Method is "PUT" or "PATCH" or "POST")
            await BroadcastAsync(http, route, body);
        else if (request.Method == "GET" && iface == "sender" && route.Remainder.Trim('/').Length == 0)
            await GetAllAsync(http, route);
        else
            await HubAnswerAsync(http, from, null, 2001,
                "a request addressed to the hub is a broadcast push (PUT, PATCH, POST) or a GET all on a Sender list; name the party instead");
    }

    /// <summary>One routed request: <see cref="Remainder"/> is the escaped path after the module, <see cref="Query"/> starts with '?' or is empty.</summary>
    private sealed record HubRoute(HubPlatform Caller, string Iface, string Module, string Remainder, string Query, string? From, string To,
        string? RequestIdIn, string CorrelationId)
    {
        public string Role => Iface.ToUpperInvariant();
    }

    private async Task DirectedAsync(HttpContext http, HubRoute route, byte[] body)
    {
        var key = KeyOf(route.To)!;
        HubPlatform? target;
        PartyState? state;
        lock (_gate)
        {
            target = _platforms.FirstOrDefault(p => p.Roles.Any(r => r.Key == key));
            state = _states.GetValueOrDefault(key);
        }
        if (target is null)
        {
            await HubAnswerAsync(http, route.From, null, 4001, $"unknown receiver: no platform behind this hub hosts {route.To}");
            return;
        }
        if (state?.Status != "CONNECTED")
        {
            await HubAnswerAsync(http, route.From, null, 4003, $"{route.To} is {state?.Status ?? "unknown"}, not CONNECTED");
            return;
        }
        var endpoint = target.Endpoint(route.Module, route.Role);
        if (endpoint is null)
        {
            await HubAnswerAsync(http, route.From, null, 4000, $"the platform of {route.To} has no {route.Module} {route.Role} endpoint");
            return;
        }

        var query = route.Query;
        if (AsyncModules.Contains(route.Module)) (body, query) = DivertResponseUrl(route, body, query);
        var url = endpoint.TrimEnd('/') + route.Remainder + query;
        var headers = RoutingHeaders.Where(h => Header(http.Request.Headers, h) is not null)
            .Select(h => KeyValuePair.Create(h, Header(http.Request.Headers, h)!)).ToList();
        var requestIdOut = Guid.NewGuid().ToString();
        var answer = await SendAsync(new HttpMethod(http.Request.Method), url, target.TokenB, body, http.Request.ContentType, headers,
            requestIdOut, route.CorrelationId, http.RequestAborted);
        _forwards.Enqueue(new HubForward(HubForwardKind.Directed, http.Request.Method, http.Request.Path.Value!, url, route.From, route.To,
            route.RequestIdIn, requestIdOut, Header(http.Request.Headers, OcpiHeaders.CorrelationId), route.CorrelationId, answer.HttpStatus,
            answer.OcpiStatus, answer.Headers));

        if (answer.Failure is { } failure)
            await HubAnswerAsync(http, route.From, null, failure, answer.Error);
        else
            await RelayAsync(http, answer, link => RewriteUrl(link, endpoint, HubEndpointUrl(route.Module, route.Iface)));
    }

    /// <summary>
    /// Swaps a <c>response_url</c> (body, or query for ChargingProfiles GET/DELETE) for a hub callback: the
    /// receiving CPO holds credentials only for the hub, not for the sender's platform (digest §2.7).
    /// </summary>
    private (byte[] Body, string Query) DivertResponseUrl(HubRoute route, byte[] body, string query)
    {
        string Callback(string original)
        {
            var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _callbacks[id] = new HubCallback(original, route.Caller.Id, route.From, route.To);
            return $"{Url}/hub/callback/{id}";
        }

        if (body.Length > 0)
        {
            try
            {
                if (JsonNode.Parse(body) is JsonObject json && Text(json["response_url"]) is { } original)
                {
                    json["response_url"] = Callback(original);
                    body = JsonSerializer.SerializeToUtf8Bytes(json);
                }
            }
            catch (JsonException)
            {
                // Not JSON: passed on as is, the receiver answers it.
            }
        }
        query = EditQuery(query, "response_url", Callback);
        return (body, query);
    }

    /// <summary>
    /// A push addressed to the hub: answered at once, then sent to every CONNECTED party of the opposite role on
    /// the other platforms, one request each, from the hub (digest §2.4). The URL keeps the owner's segments.
    /// </summary>
    private async Task BroadcastAsync(HttpContext http, HubRoute route, byte[] body)
    {
        var callerRoles = route.Caller.Roles.Where(r => route.From is null || r.Key == KeyOf(route.From)).Select(r => r.Role).ToHashSet();
        var receiving = new HashSet<string>();
        if (callerRoles.Contains("CPO")) receiving.UnionWith(["EMSP", "NSP", "OTHER"]);
        if (callerRoles.Overlaps(["EMSP", "OTHER", "NSP", "SCSP"])) receiving.Add("CPO");

        List<(HubPlatform Platform, HubRole Party, string Endpoint)> targets = [];
        lock (_gate)
        {
            foreach (var platform in _platforms.Where(p => p.Id != route.Caller.Id))
            {
                if (platform.Endpoint(route.Module, route.Role) is not { } endpoint) continue;
                foreach (var party in platform.Roles.Where(r => receiving.Contains(r.Role)).DistinctBy(r => r.Key))
                    if (_states.GetValueOrDefault(party.Key)?.Status == "CONNECTED") targets.Add((platform, party, endpoint));
            }
        }

        var method = new HttpMethod(http.Request.Method);
        var pathIn = http.Request.Path.Value!;
        var correlationIn = Header(http.Request.Headers, OcpiHeaders.CorrelationId);
        var contentType = http.Request.ContentType;
        http.Response.OnCompleted(() =>
        {
            RunInBackground(ct => Task.WhenAll(targets.Select(async t =>
            {
                var url = t.Endpoint.TrimEnd('/') + route.Remainder + route.Query;
                var requestIdOut = Guid.NewGuid().ToString();
                var answer = await SendAsync(method, url, t.Platform.TokenB, body, contentType, PartyHeaders(Party, t.Party.Party), requestIdOut,
                    route.CorrelationId, ct);
                _forwards.Enqueue(new HubForward(HubForwardKind.Broadcast, method.Method, pathIn, url, Party, t.Party.Party, route.RequestIdIn,
                    requestIdOut, correlationIn, route.CorrelationId, answer.HttpStatus, answer.OcpiStatus, answer.Headers));
            })));
            return Task.CompletedTask;
        });
        await HubAnswerAsync(http, route.From, null, 1000, null);
    }

    /// <summary>
    /// A GET on a Sender list addressed to the hub: the lists of every CONNECTED data owner on the other platforms,
    /// merged (digest §2.6). Asked on behalf of the caller's party, so each owner shows it what it would show it
    /// directly; every page of each owner is read, and the caller gets all in one.
    /// </summary>
    private async Task GetAllAsync(HttpContext http, HubRoute route)
    {
        var ownerRole = route.Module switch
        {
            "locations" or "sessions" or "cdrs" or "tariffs" => "CPO",
            "tokens" => "EMSP",
            _ => null,
        };
        if (ownerRole is null || RefusesGetAll)
        {
            await HubAnswerAsync(http, route.From, null, 2001, RefusesGetAll
                ? "this hub does not serve GET All via Hub: name the party in OCPI-to" : $"{route.Module} has no data owner to GET from");
            return;
        }
        // Without a page size the hub answers everything in one page, whatever offset the caller sent.
        var offset = GetAllPageSize is not null && int.TryParse(QueryValue(route.Query, "offset"), out var o) ? o : 0;
        if (offset >= GetAllDownFromOffset)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await http.Response.WriteAsync("<html><body>503 Service Unavailable</body></html>", http.RequestAborted);
            return;
        }
        List<(HubPlatform Platform, HubRole Party, string Endpoint)> owners = [];
        lock (_gate)
        {
            foreach (var platform in _platforms.Where(p => p.Id != route.Caller.Id))
            {
                if (platform.Endpoint(route.Module, "SENDER") is not { } endpoint) continue;
                foreach (var party in platform.Roles.Where(r => r.Role == ownerRole))
                    if (_states.GetValueOrDefault(party.Key)?.Status == "CONNECTED") owners.Add((platform, party, endpoint));
            }
        }

        // Paging is the hub's own towards the caller; the owners are read from the start.
        var query = EditQuery(EditQuery(route.Query, "offset", _ => null), "limit", _ => null);
        var merged = new JsonArray();
        foreach (var (platform, party, endpoint) in owners)
        {
            string? url = endpoint.TrimEnd('/') + query;
            for (var page = 0; url is not null && page < MaxGetAllPages; page++)
            {
                var requestIdOut = Guid.NewGuid().ToString();
                var from = route.From ?? Party;
                var answer = await SendAsync(HttpMethod.Get, url, platform.TokenB, null, null, PartyHeaders(from, party.Party), requestIdOut,
                    route.CorrelationId, http.RequestAborted);
                _forwards.Enqueue(new HubForward(HubForwardKind.GetAll, "GET", http.Request.Path.Value!, url, from, party.Party, route.RequestIdIn,
                    requestIdOut, Header(http.Request.Headers, OcpiHeaders.CorrelationId), route.CorrelationId, answer.HttpStatus, answer.OcpiStatus, answer.Headers));
                if (answer.OcpiStatus is not (>= 1000 and < 2000) || answer.Envelope?["data"] is not JsonArray items) break;
                foreach (var item in items) merged.Add(item?.DeepClone());
                url = answer.Headers.TryGetValue(OcpiHeaders.Link, out var link) ? NextLink(link) : null;
            }
        }
        http.Response.Headers[OcpiHeaders.TotalCount] = merged.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var limit = GetAllPageSize ?? Math.Max(merged.Count, 1);
        http.Response.Headers[OcpiHeaders.Limit] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var slice = new JsonArray(merged.Skip(offset).Take(limit).Select(i => i?.DeepClone()).ToArray());
        if (offset + limit < merged.Count)
        {
            var nextQuery = (query.Length == 0 ? "?" : query + "&") + $"offset={offset + limit}&limit={limit}";
            http.Response.Headers[OcpiHeaders.Link] = $"<{Url}{http.Request.Path.Value}{nextQuery}>; rel=\"next\"";
        }
        await HubAnswerAsync(http, route.From, slice, 1000, null);
    }

    private static string? QueryValue(string query, string name)
    {
        string? found = null;
        EditQuery(query, name, value => found = value);
        return found;
    }

    /// <summary>
    /// A CPO POSTs an async result to a hub callback: relayed as is to the original <c>response_url</c> with the
    /// original sender's platform credentials, from the CPO party to the sender party; the CPO gets that answer.
    /// </summary>
    private async Task CallbackAsync(HttpContext http, string id, string? requestId, string? correlationId)
    {
        var body = await ReadBodyAsync(http);
        if (!_callbacks.TryGetValue(id, out var callback))
        {
            await WriteEnvelopeAsync(http, null, 2000, "no such callback", StatusCodes.Status404NotFound);
            return;
        }
        HubPlatform? platform;
        lock (_gate) platform = _platforms.FirstOrDefault(p => p.Id == callback.CallerPlatformId);
        if (platform is null)
        {
            await HubAnswerAsync(http, callback.Receiver, null, 4001, "the platform that sent the request is no longer behind this hub");
            return;
        }
        var correlation = correlationId ?? Guid.NewGuid().ToString();
        http.Response.Headers[OcpiHeaders.CorrelationId] = correlation;
        var requestIdOut = Guid.NewGuid().ToString();
        var answer = await SendAsync(HttpMethod.Post, callback.OriginalUrl, platform.TokenB, body, http.Request.ContentType,
            PartyHeaders(callback.Receiver, callback.Sender), requestIdOut, correlation, http.RequestAborted);
        _forwards.Enqueue(new HubForward(HubForwardKind.Callback, "POST", http.Request.Path.Value!, callback.OriginalUrl, callback.Receiver,
            callback.Sender ?? "", requestId, requestIdOut, correlationId, correlation, answer.HttpStatus, answer.OcpiStatus, answer.Headers));
        if (answer.Failure is { } failure)
            await HubAnswerAsync(http, callback.Receiver, null, failure, answer.Error);
        else
            await RelayAsync(http, answer, link => link);
    }

    /// <summary>The target's answer as the caller's: status, body, routing and paging headers (URLs made to point at the hub).</summary>
    private static Task RelayAsync(HttpContext http, TargetAnswer answer, Func<string, string> rewrite)
    {
        http.Response.StatusCode = answer.HttpStatus!.Value;
        foreach (var name in RoutingHeaders.Concat(RelayedHeaders))
            if (answer.Headers.TryGetValue(name, out var value)) http.Response.Headers[name] = value;
        if (answer.Headers.TryGetValue(OcpiHeaders.Link, out var link))
            http.Response.Headers[OcpiHeaders.Link] = LinkUrl().Replace(link, m => $"<{rewrite(m.Groups[1].Value)}>");
        if (answer.Headers.TryGetValue(OcpiHeaders.Location, out var location))
            http.Response.Headers[OcpiHeaders.Location] = rewrite(location);
        if (answer.ContentType is not null) http.Response.ContentType = answer.ContentType;
        return answer.Body.Length == 0 ? Task.CompletedTask : http.Response.Body.WriteAsync(answer.Body, http.RequestAborted).AsTask();
    }

    /// <summary>A URL under the target's endpoint, moved under the hub's endpoint for the same module and interface.</summary>
    private static string RewriteUrl(string url, string targetEndpoint, string hubEndpoint)
    {
        var from = targetEndpoint.TrimEnd('/');
        return url.StartsWith(from, StringComparison.OrdinalIgnoreCase) && (url.Length == from.Length || url[from.Length] is '/' or '?')
            ? hubEndpoint + url[from.Length..]
            : url;
    }

    /// <summary>
    /// Replaces (or, when <paramref name="replace"/> gives null, drops) parameter <paramref name="name"/> of a raw
    /// query; the other parameters keep the caller's own encoding.
    /// </summary>
    private static string EditQuery(string query, string name, Func<string, string?> replace)
    {
        var kept = new List<string>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var rawName = equals < 0 ? part : part[..equals];
            if (Unescape(rawName) != name)
            {
                kept.Add(part);
                continue;
            }
            if (replace(equals < 0 ? "" : Unescape(part[(equals + 1)..])) is { } value) kept.Add($"{rawName}={Uri.EscapeDataString(value)}");
        }
        return kept.Count == 0 ? "" : "?" + string.Join('&', kept);

        static string Unescape(string raw) => Uri.UnescapeDataString(raw.Replace('+', ' '));
    }

    private static string? NextLink(string link) =>
        NextLinkUrl().Match(link) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<([^>]*)>")]
    private static partial Regex LinkUrl();

    [GeneratedRegex("<([^>]*)>\\s*;\\s*rel=\"?next\"?", RegexOptions.IgnoreCase)]
    private static partial Regex NextLinkUrl();

    /// <summary>An answer of the hub's own: from the hub, to the caller's party (when it named one).</summary>
    private Task HubAnswerAsync(HttpContext http, string? callerParty, JsonNode? data, int status, string? message)
    {
        foreach (var (name, value) in PartyHeaders(Party, callerParty)) http.Response.Headers[name] = value;
        return WriteEnvelopeAsync(http, data, status, message);
    }

    /// <summary>OCPI-from/to headers for two "CC*PID" parties; a null one is left out.</summary>
    private static List<KeyValuePair<string, string>> PartyHeaders(string? from, string? to)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (from?.Split('*') is [var fromCc, var fromPid])
        {
            headers.Add(KeyValuePair.Create(OcpiHeaders.FromCountryCode, fromCc));
            headers.Add(KeyValuePair.Create(OcpiHeaders.FromPartyId, fromPid));
        }
        if (to?.Split('*') is [var toCc, var toPid])
        {
            headers.Add(KeyValuePair.Create(OcpiHeaders.ToCountryCode, toCc));
            headers.Add(KeyValuePair.Create(OcpiHeaders.ToPartyId, toPid));
        }
        return headers;
    }

    /// <summary>A routing header pair as "CC*PID" (null when both are absent); false when only one is there.</summary>
    private static bool TryReadParty(IHeaderDictionary headers, string countryHeader, string partyHeader, out string? party)
    {
        var cc = Header(headers, countryHeader)?.Trim();
        var pid = Header(headers, partyHeader)?.Trim();
        party = cc is not null && pid is not null ? $"{cc}*{pid}" : null;
        return (cc is null) == (pid is null);
    }

    /// <summary>
    /// Sends one request to a platform with its token B. No answer at all becomes <see cref="TargetAnswer.Failure"/>
    /// 4002 (timed out) or 4003 (could not connect); cancellation by the caller or by the hub stopping is not caught.
    /// </summary>
    private async Task<TargetAnswer> SendAsync(HttpMethod method, string url, string token, byte[]? body, string? contentType,
        IEnumerable<KeyValuePair<string, string>> headers, string requestId, string correlationId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(token));
        request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, requestId);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, correlationId);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is { Length: > 0 })
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/json");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        timeout.CancelAfter(ForwardTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var answerHeaders = response.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
            JsonObject? envelope = null;
            try
            {
                envelope = bytes.Length == 0 ? null : JsonNode.Parse(bytes) as JsonObject;
            }
            catch (JsonException)
            {
                // Relayed as is; only the recorded status code stays unknown.
            }
            return new TargetAnswer((int)response.StatusCode, bytes, response.Content.Headers.ContentType?.ToString(), answerHeaders, envelope, null, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            return Failed(4002, $"timeout on forwarded request: {method} {url} gave no answer within {ForwardTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return Failed(4003, $"connection problem: {method} {url} failed ({e.HttpRequestError})");
        }

        static TargetAnswer Failed(int status, string error) =>
            new(null, [], null, new Dictionary<string, string>(), null, status, error);
    }
}
