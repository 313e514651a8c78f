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
        var length = Write(value, text);
        return string.Create(length, text[..length], static (chars, ascii) =>
        {
            for (var i = 0; i < ascii.Length; i++) chars[i] = (char)ascii[i];
        });
    }

    /// <summary>
    /// What <see cref="Format(DateTime)"/> writes (<c>yyyy-MM-ddTHH:mm:ss[.FFF]Z</c>: milliseconds truncated, their
    /// trailing zeros and an empty fraction left out), as ASCII into <paramref name="text"/> of at least
    /// <see cref="MaxLength"/> bytes; returns the length. Every answer's timestamp and every DateTime on the wire passes
    /// here, so digits are written directly rather than through a format string and a concatenation.
    /// </summary>
    public static int Write(DateTime value, Span<byte> text)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        Digits(text[..4], utc.Year);
        text[4] = (byte)'-';
        Digits(text.Slice(5, 2), utc.Month);
        text[7] = (byte)'-';
        Digits(text.Slice(8, 2), utc.Day);
        text[10] = (byte)'T';
        Digits(text.Slice(11, 2), utc.Hour);
        text[13] = (byte)':';
        Digits(text.Slice(14, 2), utc.Minute);
        text[16] = (byte)':';
        Digits(text.Slice(17, 2), utc.Second);
        var length = 19;
        var milliseconds = utc.Millisecond;
        if (milliseconds != 0)
        {
            text[length++] = (byte)'.';
            var digits = milliseconds % 100 == 0 ? 1 : milliseconds % 10 == 0 ? 2 : 3;
            Span<byte> three = stackalloc byte[3];
            Digits(three, milliseconds);
            three[..digits].CopyTo(text[length..]);
            length += digits;
        }
        text[length++] = (byte)'Z';
        return length;
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10)
            into[i] = (byte)('0' + value % 10);
    }

    public static string Format(DateTimeOffset value) => Format(value.UtcDateTime);

    /// <summary>Truncates to what <see cref="Format(DateTime)"/> writes, so stored and sent values agree.</summary>
    public static DateTime Normalize(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
