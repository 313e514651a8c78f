namespace Platform.Ocpi.Transport;

/// <summary>Header names of OCPI 2.2.1 (transport_and_format). Look them up case-insensitively.</summary>
public static class OcpiHeaders
{
    public const string Authorization = "Authorization";
    public const string RequestId = "X-Request-ID";
    public const string CorrelationId = "X-Correlation-ID";
    public const string ToCountryCode = "OCPI-to-country-code";
    public const string ToPartyId = "OCPI-to-party-id";
    public const string FromCountryCode = "OCPI-from-country-code";
    public const string FromPartyId = "OCPI-from-party-id";
    public const string Link = "Link";
    public const string TotalCount = "X-Total-Count";
    public const string Limit = "X-Limit";
    public const string Location = "Location";
}
