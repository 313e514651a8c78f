using System.Globalization;
using Platform.Ocpi.Json;

namespace Platform.Ocpi.Transport;

/// <summary>
/// The headers of a paginated answer: <c>X-Total-Count</c> (all matches, offset/limit ignored), <c>X-Limit</c>
/// (the server's cap, not the page's count) and <c>Link: &lt;next&gt;; rel="next"</c> with every original filter,
/// only when a next page exists.
/// </summary>
public static class PageHeaders
{
    public static IReadOnlyList<KeyValuePair<string, string>> For(string baseUrl, PageRequest page, int returned, long total, int maxLimit)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new(OcpiHeaders.TotalCount, total.ToString(CultureInfo.InvariantCulture)),
            new(OcpiHeaders.Limit, maxLimit.ToString(CultureInfo.InvariantCulture)),
        };
        var nextOffset = (long)page.Offset + returned;
        if (returned > 0 && nextOffset < total)
            headers.Add(new(OcpiHeaders.Link, $"<{NextUrl(baseUrl, page, (int)nextOffset)}>; rel=\"next\""));
        return headers;
    }

    public static string NextUrl(string baseUrl, PageRequest page, int nextOffset)
    {
        var query = new List<string>();
        if (page.DateFrom is { } from) query.Add("date_from=" + Uri.EscapeDataString(OcpiDateTime.Format(from)));
        if (page.DateTo is { } to) query.Add("date_to=" + Uri.EscapeDataString(OcpiDateTime.Format(to)));
        query.Add("offset=" + nextOffset.ToString(CultureInfo.InvariantCulture));
        query.Add("limit=" + page.Limit.ToString(CultureInfo.InvariantCulture));
        return baseUrl + "?" + string.Join('&', query);
    }
}
