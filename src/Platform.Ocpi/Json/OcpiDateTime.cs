namespace Platform.Ocpi.Json;

/// <summary>
/// OCPI DateTime (2.2.1 types §DateTime): RFC 3339, always UTC. Accepts a trailing <c>Z</c> or no zone
/// designator (both mean UTC) and fractional seconds; refuses any offset, even <c>+00:00</c>.
/// Writes <c>yyyy-MM-ddTHH:mm:ss[.fff]Z</c>, never more than 25 characters.
/// </summary>
public static class OcpiDateTime
{
    public const int MaxLength = 25;

    // The CDR chapter's placeholder for an unknown start/end ("1970-1-1T00:00:00Z") matches no pattern of the
    // types chapter; accept that exact spelling on input (digest §7) and write it back as 1970-01-01T00:00:00Z.
    private const string SpecPlaceholder = "1970-1-1T00:00:00Z";

    /// <summary>
    /// Reads <c>yyyy-MM-ddTHH:mm:ss</c>, then up to seven digits of a second after a dot, then an optional <c>Z</c>, all
    /// ASCII; refuses any other shape and any date or time that does not exist.
    /// </summary>
    /// <remarks>
    /// By hand, not a pattern and a format string: every PATCH's <c>last_updated</c> is read here, once on the way in and
    /// again by the grouped writer, and the two took a microsecond each.
    /// </remarks>
    public static bool TryParse(string? text, out DateTime value)
    {
        value = default;
        if (text is null) return false;
        if (text == SpecPlaceholder)
        {
            value = DateTime.UnixEpoch;
            return true;
        }
        var s = text.AsSpan();
        return DateTimeFields.TryRead(s is [.., 'Z'] ? s[..^1] : s, 'T', out value);
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
    /// <remarks>
    /// Written by hand, as <c>yyyy-MM-dd'T'HH:mm:ss.FFF</c> and a <c>Z</c> would write it (the milliseconds without their
    /// trailing zeros, and no dot when there are none): the framework's custom format took most of a microsecond, and every
    /// answer's envelope and every stored write pays it.
    /// </remarks>
    public static int Write(DateTime value, Span<byte> text)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        var milliseconds = (int)(utc.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMillisecond);
        var (fraction, digits) = milliseconds == 0 ? (0, 0) : milliseconds % 100 == 0 ? (milliseconds / 100, 1)
            : milliseconds % 10 == 0 ? (milliseconds / 10, 2) : (milliseconds, 3);
        var length = DateTimeFields.Length + (digits == 0 ? 0 : 1 + digits) + 1;
        if (length > text.Length) throw new ArgumentException($"Room for {MaxLength} bytes is needed", nameof(text));
        DateTimeFields.Write(text, utc, 'T');
        if (digits > 0)
        {
            text[DateTimeFields.Length] = (byte)'.';
            DateTimeFields.WriteDigits(text.Slice(DateTimeFields.Length + 1, digits), fraction);
        }
        text[length - 1] = (byte)'Z';
        return length;
    }

    public static string Format(DateTimeOffset value) => Format(value.UtcDateTime);

    /// <summary>Truncates to what <see cref="Format(DateTime)"/> writes, so stored and sent values agree.</summary>
    public static DateTime Normalize(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
}
