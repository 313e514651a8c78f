using System.Globalization;
using Platform.Ocpi.Json;

namespace Platform.Ocpi.Transport;

/// <summary>
/// The headers of a paginated answer: <c>X-Total-Count</c> (all matches, offset/limit ignored), <c>X-Limit</c>
/// (the server's cap, not the page's count) and <c>Link: &lt;next&gt;; rel="next"</c> with every original filter,
/// the next offset and the <see cref="PageCursor"/> of the page's last object, only when a next page exists.
/// </summary>
public static class PageHeaders
{
    /// <param name="next">The cursor after the last returned object when at least one more follows; null on the last page.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> For(string baseUrl, PageRequest page, int returned, long total, int maxLimit,
        PageCursor? next)
    {
        var headers = new List<KeyValuePair<string, string>>
        {
            new(OcpiHeaders.TotalCount, total.ToString(CultureInfo.InvariantCulture)),
            new(OcpiHeaders.Limit, maxLimit.ToString(CultureInfo.InvariantCulture)),
        };
        // Whether more follows is the store's word, not offset + returned < total: the total may move during a walk.
        if (returned > 0 && next is not null)
            headers.Add(new(OcpiHeaders.Link, $"<{NextUrl(baseUrl, page, (long)page.Offset + returned, next)}>; rel=\"next\""));
        return headers;
    }

    public static string NextUrl(string baseUrl, PageRequest page, long nextOffset, PageCursor next)
    {
        var query = new List<string>();
        if (page.DateFrom is { } from) query.Add("date_from=" + Uri.EscapeDataString(OcpiDateTime.Format(from)));
        if (page.DateTo is { } to) query.Add("date_to=" + Uri.EscapeDataString(OcpiDateTime.Format(to)));
        // The offset stays meaningful for a client that reads it; the cursor decides where the page starts.
        query.Add("offset=" + Math.Min(nextOffset, int.MaxValue).ToString(CultureInfo.InvariantCulture));
        query.Add("limit=" + page.Limit.ToString(CultureInfo.InvariantCulture));
        query.Add(PageCursor.QueryName + "=" + next.Format());
        return baseUrl + "?" + string.Join('&', query);
    }
}
