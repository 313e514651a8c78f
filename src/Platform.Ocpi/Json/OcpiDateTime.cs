using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Ocpi.Json;

/// <summary>
/// OCPI DateTime (2.2.1 types §DateTime): RFC 3339, always UTC. Accepts a trailing <c>Z</c> or no zone
/// designator (both mean UTC) and fractional seconds; refuses any offset, even <c>+00:00</c>.
/// Writes <c>yyyy-MM-ddTHH:mm:ss[.fff]Z</c>, never more than 25 characters.
/// </summary>
public static partial class OcpiDateTime
{
    public const int MaxLength = 25;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    // The CDR chapter's placeholder for an unknown start/end ("1970-1-1T00:00:00Z") matches no pattern of the
    // types chapter; accept that exact spelling on input (digest §7) and write it back as 1970-01-01T00:00:00Z.
    private const string SpecPlaceholder = "1970-1-1T00:00:00Z";

    public static bool TryParse(string? text, out DateTime value)
    {
        value = default;
        if (text is null) return false;
        if (text == SpecPlaceholder)
        {
            value = DateTime.UnixEpoch;
            return true;
        }
        if (!Pattern().IsMatch(text)) return false;
        var withoutZone = text.EndsWith('Z') ? text[..^1] : text;
        if (!DateTime.TryParseExact(withoutZone, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        value = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        return true;
    }

    public static DateTime Parse(string text) =>
        TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not an OCPI DateTime (UTC, e.g. 2015-06-29T20:39:09Z; no offsets)");

    /// <summary>Writes UTC with <c>Z</c>; fractional seconds only when present, at most milliseconds.</summary>
    public static string Format(DateTime value)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        return System.Text.Encoding.ASCII.GetString(text[..Write(value, text)]);
    }

    /// <summary>
    /// What <see cref="Format(DateTime)"/> writes, as ASCII into <paramref name="text"/> of at least <see cref="MaxLength"/>
    /// bytes; returns the length. Every answer's timestamp and every DateTime on the wire passes here: formatted in place,
    /// with no string made and then copied.
    /// </summary>
    public static int Write(DateTime value, Span<byte> text)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        if (!utc.TryFormat(text, out var length, "yyyy-MM-dd'T'HH:mm:ss.FFF", CultureInfo.InvariantCulture) || length >= text.Length)
            throw new ArgumentException($"Room for {MaxLength} bytes is needed", nameof(text));
        text[length] = (byte)'Z';
        return length + 1;
    }

    public static string Format(DateTimeOffset value) => Format(value.UtcDateTime);

    /// <summary>Truncates to what <see cref="Format(DateTime)"/> writes, so stored and sent values agree.</summary>
    public static DateTime Normalize(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
