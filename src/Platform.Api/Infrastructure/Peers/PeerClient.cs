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

    /// <summary>"HTTP 401, OCPI 2000 'Unknown token'" — for an operator reading why a step failed.</summary>
    public string Describe() =>
        $"HTTP {HttpStatus}" + (StatusCode is { } c ? $", OCPI {c}" : ", no OCPI envelope") +
        (string.IsNullOrEmpty(StatusMessage) ? "" : $" '{StatusMessage}'");
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
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
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
            var answer = Parse<T>((int)response.StatusCode, text, response.Headers) with { Body = text, SentIds = (requestId, correlation.CorrelationId) };
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

    private static PeerAnswer<T> Parse<T>(int status, string text, HttpResponseHeaders headers)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<OcpiResponse<T>>(text, OcpiJson.Options);
            return envelope is null
                ? new PeerAnswer<T>(status, null, null, default, headers)
                : new PeerAnswer<T>(status, envelope.StatusCode, envelope.StatusMessage, envelope.Data, headers);
        }
        catch (JsonException)
        {
            return new PeerAnswer<T>(status, null, text.Length > 200 ? text[..200] : text, default, headers);
        }
    }
}

/// <summary>The peer could not be reached at all (connection refused, timeout).</summary>
public sealed class PeerUnreachableException : Exception
{
    public PeerUnreachableException(string message, Exception inner) : base(message, inner) { }

    public PeerUnreachableException(string message) : base(message) { }
}
