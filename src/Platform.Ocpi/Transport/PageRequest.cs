using System.Globalization;
using Platform.Ocpi.Json;

namespace Platform.Ocpi.Transport;

/// <summary>
/// The paging parameters every OCPI list GET supports (2.2.1 transport_and_format §Pagination):
/// <c>date_from</c> inclusive and <c>date_to</c> exclusive on last_updated, <c>offset</c>, <c>limit</c>; and the
/// <see cref="PageCursor"/> of a Link this server emitted, which, when present, decides where the page starts.
/// </summary>
public sealed record PageRequest(DateTime? DateFrom, DateTime? DateTo, int Offset, int Limit, PageCursor? After = null)
{
    /// <summary>
    /// Reads the query. A bad value is an error with a message naming the parameter (OCPI 2001, not HTTP 400:
    /// the request itself is well-formed). <paramref name="maxLimit"/> caps the page; X-Limit reports it.
    /// </summary>
    public static bool TryParse(Func<string, string?> query, int maxLimit, out PageRequest page, out string? error)
    {
        page = new PageRequest(null, null, 0, maxLimit);
        error = null;
        DateTime? from = null, to = null;
        if (query("date_from") is { } f)
        {
            if (!OcpiDateTime.TryParse(f, out var v)) { error = $"date_from: '{f}' is not an OCPI DateTime (UTC, no offset)"; return false; }
            from = v;
        }
        if (query("date_to") is { } t)
        {
            if (!OcpiDateTime.TryParse(t, out var v)) { error = $"date_to: '{t}' is not an OCPI DateTime (UTC, no offset)"; return false; }
            to = v;
        }
        var offset = 0;
        if (query("offset") is { } o && (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            error = $"offset: '{o}' must be a whole number >= 0";
            return false;
        }
        var limit = maxLimit;
        if (query("limit") is { } l)
        {
            if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 0)
            {
                error = $"limit: '{l}' must be a whole number >= 0";
                return false;
            }
            limit = Math.Min(limit, maxLimit);
        }
        PageCursor? after = null;
        if (query(PageCursor.QueryName) is { } a && !PageCursor.TryParse(a, out after))
        {
            error = $"{PageCursor.QueryName}: '{a}' is not a page position this server gave; follow the Link of the previous page as given";
            return false;
        }
        page = new PageRequest(from, to, offset, limit, after);
        return true;
    }
}
