using System.Net.Http.Headers;
using System.Text;
using Platform.Ocpi.Transport;

namespace Platform.Benchmarks;

/// <summary>The OCPI calls the benchmarks send as CPO <c>NL*CPO</c>: its token, fresh request ids and both parties' routing headers.</summary>
public static class BenchRequests
{
    public static HttpRequestMessage FromCpo(HttpMethod method, string url, string token, string emspPartyId, string? jsonBody)
    {
        var request = new HttpRequestMessage(method, url);
        var headers = request.Headers;
        headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(token));
        headers.TryAddWithoutValidation(OcpiHeaders.RequestId, Guid.NewGuid().ToString());
        headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, Guid.NewGuid().ToString());
        headers.TryAddWithoutValidation(OcpiHeaders.FromCountryCode, "NL");
        headers.TryAddWithoutValidation(OcpiHeaders.FromPartyId, "CPO");
        headers.TryAddWithoutValidation(OcpiHeaders.ToCountryCode, "DE");
        headers.TryAddWithoutValidation(OcpiHeaders.ToPartyId, emspPartyId);
        if (jsonBody is not null)
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonBody)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        return request;
    }
}
