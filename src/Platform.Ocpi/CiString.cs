namespace Platform.Ocpi;

/// <summary>
/// OCPI CiString: printable ASCII, compared case-insensitively (ids, country codes, party ids, uids).
/// Stored and sent with the casing it arrived in; compared and looked up by <see cref="Key"/>.
/// </summary>
public static class CiString
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    public static bool Equal(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>The form used in key columns and dictionary keys: upper-case invariant.</summary>
    public static string Key(string value) => value.ToUpperInvariant();

    /// <summary>Printable ASCII only (U+0020..U+007E): no CR, LF, TAB or other control characters.</summary>
    public static bool IsValid(string? value, int maxLength) =>
        value is not null && value.Length <= maxLength && !value.AsSpan().ContainsAnyExceptInRange(' ', '~');
}
