using System.Numerics;

namespace Platform.Ocpi.Json;

/// <summary>
/// The <c>yyyy-MM-dd?HH:mm:ss</c> part that the date and time forms written and read by hand share (<see cref="OcpiDateTime"/>
/// on the wire, <c>T</c> between date and time; the database's stored form, a space): ASCII digits only, each field
/// zero-padded to its width, and only instants that exist.
/// </summary>
public static class DateTimeFields
{
    public const int Length = 19;

    /// <summary>The most digits of a second after the dot: a tick is a ten-millionth.</summary>
    public const int MaxFractionDigits = 7;

    /// <summary>
    /// Reads the <see cref="Length"/> characters of whole seconds, then, if anything follows, a dot and one to
    /// <see cref="MaxFractionDigits"/> digits of a second, as UTC; false for any other shape or an instant that does not exist.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> s, char separator, out DateTime utc)
    {
        utc = default;
        if (!TryReadSeconds(s[..Math.Min(s.Length, Length)], separator, out var seconds)) return false;
        var ticks = 0;
        if (s.Length > Length)
        {
            var fraction = s[(Length + 1)..];
            if (s[Length] != '.' || fraction.Length is 0 or > MaxFractionDigits || !TryReadDigits(fraction, out ticks)) return false;
            for (var i = fraction.Length; i < MaxFractionDigits; i++) ticks *= 10;
        }
        utc = seconds.AddTicks(ticks);
        return true;
    }

    private static bool TryReadSeconds(ReadOnlySpan<char> s, char separator, out DateTime utc)
    {
        utc = default;
        if (s.Length != Length || s[4] != '-' || s[7] != '-' || s[10] != separator || s[13] != ':' || s[16] != ':'
            || !TryReadDigits(s[..4], out var year) || !TryReadDigits(s[5..7], out var month) || !TryReadDigits(s[8..10], out var day)
            || !TryReadDigits(s[11..13], out var hour) || !TryReadDigits(s[14..16], out var minute) || !TryReadDigits(s[17..19], out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        utc = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        return true;
    }

    /// <summary>Writes the instant's whole seconds into the first <see cref="Length"/> places of <paramref name="text"/> (bytes or chars).</summary>
    public static void Write<TChar>(Span<TChar> text, DateTime utc, char separator) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        var (year, month, day) = utc;
        WriteDigits(text[..4], year);
        text[4] = TChar.CreateTruncating('-');
        WriteDigits(text[5..7], month);
        text[7] = TChar.CreateTruncating('-');
        WriteDigits(text[8..10], day);
        text[10] = TChar.CreateTruncating(separator);
        WriteDigits(text[11..13], utc.Hour);
        text[13] = TChar.CreateTruncating(':');
        WriteDigits(text[14..16], utc.Minute);
        text[16] = TChar.CreateTruncating(':');
        WriteDigits(text[17..19], utc.Second);
    }

    /// <summary>Reads a field of ASCII digits only (no sign, no space); false for anything else.</summary>
    private static bool TryReadDigits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>Writes the last <c>text.Length</c> digits of a non-negative value, zero-padded.</summary>
    public static void WriteDigits<TChar>(Span<TChar> text, int value) where TChar : unmanaged, IBinaryInteger<TChar>
    {
        for (var i = text.Length - 1; i >= 0; i--, value /= 10) text[i] = TChar.CreateTruncating('0' + value % 10);
    }
}
