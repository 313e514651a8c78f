using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Ocpi.Transport;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>What an OCPI endpoint answered: HTTP status, headers, and the envelope when the body was JSON.</summary>
public sealed record OcpiAnswer(HttpStatusCode Status, HttpResponseHeaders Headers, JsonObject? Envelope, string Body)
{
    public int? StatusCode => Envelope?["status_code"]?.GetValue<int>();

    public string? StatusMessage => (string?)Envelope?["status_message"];

    public JsonNode? Data => Envelope?["data"];

    public override string ToString() => $"HTTP {(int)Status}: {Body}";
}

/// <summary>
/// A test's own OCPI peer: sends <c>Authorization: Token base64(token)</c> (or the raw token), and optionally the
/// OCPI-from/to routing headers, to any URL, and reads back the envelope.
/// </summary>
public sealed class OcpiClient(string? token = null, bool raw = false) : IDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>The credentials token sent; null sends no Authorization header.</summary>
    public string? Token { get; set; } = token;

    /// <summary>Send the token unencoded (2.1.1 style) instead of Base64.</summary>
    public bool Raw { get; set; } = raw;

    /// <param name="body">Sent as JSON: a string is sent as is, anything else serialized.</param>
    /// <param name="from">"NL*CPO": sets OCPI-from-country-code and OCPI-from-party-id.</param>
    /// <param name="to">"DE*MSP": sets OCPI-to-country-code and OCPI-to-party-id.</param>
    public async Task<OcpiAnswer> SendAsync(HttpMethod method, string url, object? body = null, string? from = null, string? to = null,
        CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, url);
        if (Token is not null) request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(Token, Raw));
        request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, Guid.NewGuid().ToString());
        AddParty(request, from, OcpiHeaders.FromCountryCode, OcpiHeaders.FromPartyId);
        AddParty(request, to, OcpiHeaders.ToCountryCode, OcpiHeaders.ToPartyId);
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

    public Task<OcpiAnswer> GetAsync(string url, CancellationToken ct = default) => SendAsync(HttpMethod.Get, url, ct: ct);

    public Task<OcpiAnswer> PostAsync(string url, object body, CancellationToken ct = default) => SendAsync(HttpMethod.Post, url, body, ct: ct);

    public Task<OcpiAnswer> PutAsync(string url, object body, CancellationToken ct = default) => SendAsync(HttpMethod.Put, url, body, ct: ct);

    public Task<OcpiAnswer> DeleteAsync(string url, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, url, ct: ct);

    private static void AddParty(HttpRequestMessage request, string? party, string countryHeader, string partyHeader)
    {
        if (party is null) return;
        var parts = party.Split('*');
        if (parts.Length != 2) throw new ArgumentException($"'{party}' is not COUNTRY*PARTY", nameof(party));
        request.Headers.TryAddWithoutValidation(countryHeader, parts[0]);
        request.Headers.TryAddWithoutValidation(partyHeader, parts[1]);
    }

    public void Dispose() => _http.Dispose();
}
