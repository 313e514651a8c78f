using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Json;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>A probe ran into its bounds (calls or time) and stopped where it was.</summary>
public sealed class ProbeStoppedException(string message) : Exception(message);

/// <summary>
/// Every call of one probe, through <see cref="PeerCalls"/> (token, ids, routing headers as always), bounded: at
/// most <see cref="MaxCalls"/> calls, paced <see cref="Pace"/> apart. Keeps each exchange as evidence with the
/// credentials token masked wherever it could appear.
/// </summary>
public sealed partial class ProbeCalls(PeerCalls peers, Modules.Versions.WireEdge edge, Connection connection, string token, TimeProvider clock)
{
    public const int MaxCalls = 200;
    public static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(100);
    private const int ExcerptLength = 600;

    private int _calls;

    public int Calls => _calls;

    /// <summary>Whether <paramref name="candidate"/> is the token we call the peer with (which stays in here).</summary>
    public bool IsOurToken(string? candidate) => candidate == token;

    /// <summary>An id no real object has: <paramref name="prefix"/> and 12 random characters (fits CiString(36)).</summary>
    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public Task<ProbeExchange> GetAsync(string url, PartyRef? from, PartyRef? to, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, url, null, from, to, ct);

    public async Task<ProbeExchange> SendAsync(HttpMethod method, string url, object? body, PartyRef? from, PartyRef? to, CancellationToken ct)
    {
        if (++_calls > MaxCalls) throw new ProbeStoppedException($"the probe stopped after {MaxCalls} calls to the peer");
        if (_calls > 1) await Task.Delay(Pace, clock, ct);
        // The evidence shows the call as sent: the body in the connection's version, and no routing headers on a 2.1.1
        // connection (PeerCalls translates and leaves them out the same way).
        var sent = body is null || connection.Version is null or Platform.Ocpi.Model.Versions.OcpiVersions.V221 ? body
            : (await edge.OutboundAsync(connection, method, url, body, from, to, null, null, ct)).Body;
        var request = Modules.Versions.VersionModules.IsSingleParty(connection.Version)
            ? RequestExcerpt(method, url, sent, null, null)
            : RequestExcerpt(method, url, sent, from, to);
        try
        {
            var answer = await peers.SendAsync<JsonElement>(connection, method, url, body, from, to, ct);
            return new ProbeExchange(Mask(request), Mask(ResponseExcerpt(answer)), answer, null);
        }
        catch (PeerUnreachableException e)
        {
            return new ProbeExchange(Mask(request), Mask($"no answer: {e.Message}"), null, Mask(e.Message));
        }
    }

    /// <summary>The token raw and Base64-encoded, and any <c>"token": "…"</c> of a credentials object, never leave as evidence.</summary>
    public string Mask(string text)
    {
        var masked = text.Replace(token, "***", StringComparison.Ordinal)
            .Replace(CredentialsTokenHeader.Encode(token), "***", StringComparison.Ordinal);
        return TokenField().Replace(masked, "\"token\":\"***\"");
    }

    private static string RequestExcerpt(HttpMethod method, string url, object? body, PartyRef? from, PartyRef? to)
    {
        var text = new StringBuilder($"{method} {url}\nAuthorization: Token ***");
        if (from is not null) text.Append($"\nOCPI-from: {from.Key}");
        if (to is not null) text.Append($"\nOCPI-to: {to.Key}");
        if (body is not null) text.Append('\n').Append(Cut(OcpiJson.Serialize(body)));
        return text.ToString();
    }

    private static string ResponseExcerpt(PeerAnswer<JsonElement> answer)
    {
        var text = new StringBuilder($"HTTP {answer.HttpStatus}");
        foreach (var name in new[] { OcpiHeaders.TotalCount, OcpiHeaders.Limit, OcpiHeaders.Link, OcpiHeaders.RequestId, OcpiHeaders.CorrelationId, OcpiHeaders.Location })
            if (answer.Headers?.TryGetValues(name, out var values) == true) text.Append($"\n{name}: {string.Join(", ", values)}");
        text.Append('\n').Append(Cut(answer.Body ?? ""));
        return text.ToString();
    }

    private static string Cut(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength] + "…";

    [GeneratedRegex("\"token\"\\s*:\\s*\"[^\"]*\"")]
    private static partial Regex TokenField();
}

/// <summary>One call of a probe: the evidence, and what the peer answered read leniently (the probe judges it).</summary>
public sealed class ProbeExchange
{
    public ProbeExchange(string request, string response, PeerAnswer<JsonElement>? answer, string? unreachable)
    {
        (Request, Response, Answer, Unreachable) = (request, response, answer, unreachable);
        if (answer?.Body is not { Length: > 0 } body) return;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object) Envelope = document.RootElement.Clone();
        }
        catch (JsonException)
        {
        }
    }

    public string Request { get; }
    public string Response { get; }
    public PeerAnswer<JsonElement>? Answer { get; }
    public string? Unreachable { get; }

    public int HttpStatus => Answer?.HttpStatus ?? 0;

    /// <summary>The body when it is a JSON object (an envelope or something like one).</summary>
    public JsonElement? Envelope { get; }

    public int? StatusCode => Envelope is { } e && e.TryGetProperty("status_code", out var code) && code.ValueKind == JsonValueKind.Number
        && code.TryGetInt32(out var value) ? value : null;

    /// <summary><c>data</c>; <see cref="JsonValueKind.Undefined"/> when absent.</summary>
    public JsonElement Data => Envelope is { } e && e.TryGetProperty("data", out var data) ? data : default;

    public bool IsSuccess => HttpStatus is >= 200 and < 300 && StatusCode is { } code && OcpiStatus.IsSuccess(code);

    public string? Header(string name) =>
        Answer?.Headers?.TryGetValues(name, out var values) == true ? string.Join(",", values) : null;

    /// <summary>"HTTP 200, OCPI 1000", "no answer: …".</summary>
    public string Outcome => Unreachable is { } why ? $"no answer ({why})"
        : $"HTTP {HttpStatus}" + (StatusCode is { } code ? $", OCPI {code}" : ", no OCPI envelope");

    /// <summary>What is wrong with the envelope (status_code, timestamp), or null when it is well-formed.</summary>
    public string? EnvelopeProblem()
    {
        if (Unreachable is not null) return Outcome;
        if (Envelope is not { } e) return "the body is not an OCPI response envelope (a JSON object)";
        if (StatusCode is null) return "status_code is missing or not an integer";
        if (!e.TryGetProperty("timestamp", out var at) || at.ValueKind != JsonValueKind.String) return "timestamp is missing";
        if (!OcpiDateTime.TryParse(at.GetString(), out _)) return $"timestamp '{at.GetString()}' is not an OCPI DateTime (UTC, no offset)";
        return null;
    }
}
