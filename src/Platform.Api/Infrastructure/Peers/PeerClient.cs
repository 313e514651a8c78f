using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Api.Infrastructure.Logging;
using Platform.Ocpi.Json;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Peers;

/// <summary>What a peer answered: HTTP status, and the envelope when the body was one.</summary>
public sealed record PeerAnswer<T>(int HttpStatus, int? StatusCode, string? StatusMessage, T? Data, HttpResponseHeaders? Headers)
{
    /// <summary>The body as received (for the conformance probe's evidence and its own envelope checks).</summary>
    public string? Body { get; init; }

    /// <summary>The X-Request-ID and X-Correlation-ID this call was sent with, to see whether the peer echoed them.</summary>
    public (string RequestId, string CorrelationId) SentIds { get; init; }

    public bool IsSuccess => HttpStatus is >= 200 and < 300 && StatusCode is { } code && OcpiStatus.IsSuccess(code);

    /// <summary>
    /// The body was an OCPI envelope (it has a status_code), so the peer's OCPI side answered; without one, something
    /// else did (a proxy, a web server at a wrong URL), whatever the HTTP status says.
    /// </summary>
    public bool HasEnvelope => StatusCode is not null;

    /// <summary>Why the envelope's data could not be read as the answer asked for (then <see cref="Data"/> is empty).</summary>
    public string? DataProblem { get; init; }

    /// <summary>"HTTP 401, OCPI 2000 'Unknown token'" — for an operator reading why a step failed.</summary>
    public string Describe() =>
        $"HTTP {HttpStatus}" + (StatusCode is { } c ? $", OCPI {c}" : ", no OCPI envelope") +
        (string.IsNullOrEmpty(StatusMessage) ? "" : $" '{StatusMessage}'") + (DataProblem is null ? "" : $", but {DataProblem}");
}

/// <summary>Who we call and how: the token we hold for them, and whether they need it unencoded.</summary>
public sealed record PeerCredentials(string Token, bool RawToken = false);

/// <summary>
/// The one HTTP client for calling remote platforms. Every call carries the credentials token (Base64 unless the
/// connection needs it raw), a new X-Request-ID and the current X-Correlation-ID, and is logged without the token.
/// </summary>
public sealed class PeerClient(HttpClient http, RequestCorrelation correlation, ILogger<PeerClient> logger)
{
    public async Task<PeerAnswer<T>> SendAsync<T>(HttpMethod method, string url, PeerCredentials credentials, object? body = null,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default, Func<JsonNode, JsonNode>? readData = null)
    {
        if (OutboundUrlPolicy.SchemeProblem(url) is { } refused)
            throw new PeerUnreachableException($"{method} {LogText.Escape(url)} refused by the outbound URL policy: the URL {refused}");
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(credentials.Token, credentials.RawToken));
        var requestId = Guid.NewGuid().ToString();
        request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, requestId);
        request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, correlation.CorrelationId);
        if (headers is not null)
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        if (body is not null)
            request.Content = new ByteArrayContent(OcpiJson.SerializeToUtf8Bytes(body)) { Headers = { ContentType = new("application/json") } };

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var answer = Parse<T>((int)response.StatusCode, text, response.Headers, readData) with { Body = text, SentIds = (requestId, correlation.CorrelationId) };
            logger.LogInformation("Peer call {Method} {Url} answered {Answer} in {Elapsed:0} ms (request {OutboundRequestId})",
                method, url, answer.Describe(), Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
            return answer;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException
                                      or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Peer call {Method} {Url} failed: {Error} (request {OutboundRequestId})", method, url, e.Message, requestId);
            throw new PeerUnreachableException($"{method} {url} failed: {e.Message}", e);
        }
    }

    private static PeerAnswer<T> Parse<T>(int status, string text, HttpResponseHeaders headers, Func<JsonNode, JsonNode>? readData)
    {
        var bare = new PeerAnswer<T>(status, null, text.Length > 200 ? text[..200] : text, default, headers);
        try
        {
            using var document = JsonDocument.Parse(text);
            // Any JSON object would deserialize into an envelope with status_code 0: only one that has it is one.
            if (document.RootElement is not { ValueKind: JsonValueKind.Object } root
                || !root.TryGetProperty("status_code", out var code) || !code.TryGetInt32(out var statusCode))
                return bare;
            var message = root.TryGetProperty("status_message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var (data, problem) = root.TryGetProperty("data", out var d) ? ReadData<T>(d, readData) : (default, null);
            return new PeerAnswer<T>(status, statusCode, message, data, headers) { DataProblem = problem };
        }
        catch (JsonException)
        {
            return bare;
        }
    }

    /// <summary>
    /// Tolerant reading of the data (be tolerant in what you read): where one object is asked for, a list holding
    /// exactly one is read as that object, as some peers wrap every answer in a list; any other list, or data of the
    /// wrong shape, leaves the data empty with the reason, for the caller to end its step with.
    /// </summary>
    private static (T? Data, string? Problem) ReadData<T>(JsonElement data, Func<JsonNode, JsonNode>? readData)
    {
        if (data.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return (default, null);
        if (data.ValueKind == JsonValueKind.Array && IsOneObject(typeof(T)))
        {
            if (data.GetArrayLength() != 1) return (default, $"data is a list of {data.GetArrayLength()} elements, not one {typeof(T).Name}");
            data = data[0];
        }
        try
        {
            // Another version's data is read as the model's (the connection's translator, Modules/Versions).
            if (readData is not null && JsonNode.Parse(data.GetRawText()) is { } node)
                return (readData(node).Deserialize<T>(OcpiJson.Options), null);
            return (data.Deserialize<T>(OcpiJson.Options), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return (default, $"data is not a {typeof(T).Name}: {e.Message}");
        }
    }

    // The answer types that are one object, as opposed to a list or any JSON at all.
    private static bool IsOneObject(Type type) =>
        type == typeof(JsonObject) || (type != typeof(object) && type != typeof(JsonNode) && type != typeof(JsonElement)
            && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type));
}

/// <summary>The peer could not be reached at all (connection refused, timeout).</summary>
public sealed class PeerUnreachableException : Exception
{
    public PeerUnreachableException(string message, Exception inner) : base(message, inner) { }

    public PeerUnreachableException(string message) : base(message) { }
}
