using System.Globalization;

namespace Platform.Ocpi.Transport;

/// <summary>
/// Where the next page of a list starts: the <c>last_updated</c> and row id of the last object of the page before.
/// It travels in the <c>Link</c> this server emits, as the extra query parameter <c>after</c>, beside the usual
/// offset and limit. Clients follow the Link as given (2.2.1 transport_and_format §Pagination) and need not read it.
/// </summary>
/// <remarks>
/// Keyset paging: a page after a cursor costs the same at any depth (OFFSET walks every row before it), and objects
/// whose last_updated does not change are neither skipped nor repeated while others are added, removed or moved to
/// the end of the order during a walk (OFFSET shifts by each of those).
/// </remarks>
public sealed record PageCursor(DateTime LastUpdated, long Id)
{
    public const string QueryName = "after";

    /// <summary>Exact to the tick, so that the next page starts right after the row and not after a rounded time.</summary>
    public string Format() => string.Create(CultureInfo.InvariantCulture, $"{LastUpdated.ToUniversalTime().Ticks}_{Id}");

    public static bool TryParse(string? text, out PageCursor? cursor)
    {
        cursor = null;
        var separator = text?.IndexOf('_', StringComparison.Ordinal) ?? -1;
        if (separator <= 0) return false;
        if (!long.TryParse(text.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(text.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || ticks > DateTime.MaxValue.Ticks)
            return false;
        cursor = new PageCursor(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }
}
