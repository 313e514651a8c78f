using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>
/// The rules the probe checks, named by document and section of OCPI 2.2.1 (tag 2.2.1), for the partner to look up; a
/// 2.1.1 connection's checks name the 2.1.1 document (tag 2.1.1, Markdown) instead, with that version's rule where it differs.
/// </summary>
public static class ProbeSpecs
{
    private const string Spec = "OCPI 2.2.1 ";
    public const string Versions = Spec + "version_information_endpoint.asciidoc §Version information endpoint (data: Version +, each with version and url)";
    public const string VersionDetails = Spec + "version_information_endpoint.asciidoc §Version details endpoint (version, endpoints +: identifier, role, url)";
    public const string Credentials = Spec + "credentials.asciidoc §GET (the credentials object to access the server: token, url, roles)";
    public const string Envelope = Spec + "transport_and_format.asciidoc §Response format (status_code, timestamp as types.asciidoc §DateTime)";
    public const string RequestIds = Spec + "transport_and_format.asciidoc §Request and response headers (X-Request-ID, X-Correlation-ID echoed)";
    public const string PagingHeaders = Spec + "transport_and_format.asciidoc §Pagination, paginated response (X-Total-Count, X-Limit)";
    public const string List = Spec + "transport_and_format.asciidoc §Response format (data: an array for a list GET) and §Pagination";
    public const string Link = Spec + "transport_and_format.asciidoc §Pagination (Link: <url>; rel=\"next\", the next page as given)";
    public const string DateFilters = Spec + "transport_and_format.asciidoc §Pagination, paginated request (date_from inclusive, date_to exclusive, on last_updated)";
    public const string UnknownObject = Spec + "status_codes.asciidoc §HTTP status codes (404 for an object that does not exist) and §OCPI status codes (2003, 2004)";
    public const string Authorize = Spec + "mod_tokens.asciidoc §Real-time authorization (unknown token: HTTP 404, status_code 2004)";
    public const string CommandUnknownLocation = Spec + "mod_commands.asciidoc §Receiver interface and status_codes.asciidoc §2003 Unknown Location";
    public const string CommandTimeout = Spec + "mod_commands.asciidoc §CommandResponse object (timeout: int, required)";
    public const string Writes = Spec + "transport_and_format.asciidoc §Client Owned Object Push; mod_locations.asciidoc / mod_tokens.asciidoc §Receiver interface (PUT, PATCH, GET)";
    public const string RecordedProblems = "what the platform refused of this peer, or the peer of ours (GET /admin/connections/{id}/problems)";
    public const string Bounds = "the probe's bounds (calls, time)";

    public static string Object(string module, string type) => $"{Spec}mod_{module}.asciidoc §{type} object";

    private const string Spec211 = "OCPI 2.1.1 ";

    /// <summary>The 2.1.1 rules that differ from 2.2.1's; any other check names the same section of the 2.1.1 document.</summary>
    private static readonly Dictionary<string, string> Rules211 = new()
    {
        [VersionDetails] = Spec211 + "version_information_endpoint.md §Version details endpoint (version, endpoints +: identifier, url; no role)",
        [Credentials] = Spec211 + "credentials.md §Credentials object (token, url, business_details, party_id, country_code; no roles)",
        [RequestIds] = Spec211 + "transport_and_format.md (2.1.1 defines no X-Request-ID or X-Correlation-ID)",
        [DateFilters] = Spec211 + "mod_*.md §Sender GET (date_from: last_updated after, date_to: before; no inclusive or exclusive wording)",
        [UnknownObject] = Spec211 + "status_codes.md §OCPI status codes (2003 Unknown Location; no 2004)",
        [Authorize] = Spec211 + "mod_tokens.md §Real-time authorization (unknown token: HTTP 404 with a 2xxx status; 2.1.1 has no 2004)",
        [CommandTimeout] = Spec211 + "mod_commands.md §CommandResponse object (result only; no timeout)",
    };

    /// <summary>The rule <paramref name="spec"/> as the connection's <paramref name="version"/> states it (2.3.0 keeps 2.2.1's).</summary>
    public static string In(string version, string spec) =>
        version != OcpiVersions.V211 || !spec.StartsWith(Spec, StringComparison.Ordinal) ? spec
        : Rules211.TryGetValue(spec, out var rule) ? rule
        : Spec211 + spec[Spec.Length..].Replace(".asciidoc", ".md", StringComparison.Ordinal);
}
