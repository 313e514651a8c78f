using System.Text;

namespace Platform.Ocpi.Transport;

/// <summary>
/// The <c>Authorization: Token …</c> header. OCPI 2.2.1 (d2) sends Base64 of the UTF-8 token; 2.1.1 and many 2.2
/// peers send the token as is. A value that is both valid Base64 and a plausible raw token is ambiguous, so
/// parsing yields every reading and the caller looks each up.
/// </summary>
public static class CredentialsTokenHeader
{
    private const string Scheme = "Token ";

    /// <summary>Base64 for 2.2.1 peers (no trailing newline, unlike the errata's examples); raw for 2.1.1.</summary>
    public static string Encode(string token, bool raw = false) =>
        Scheme + (raw ? token : Convert.ToBase64String(Encoding.UTF8.GetBytes(token)));

    /// <summary>
    /// The candidate tokens in a header value, decoded reading first. Empty when the header is missing or
    /// malformed (another scheme, no token, whitespace or control characters in it).
    /// </summary>
    public static IReadOnlyList<string> Candidates(string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue) || !headerValue.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return [];
        var value = headerValue[Scheme.Length..].Trim();
        if (value.Length == 0 || !IsTokenText(value)) return [];

        var result = new List<string>(2);
        if (TryDecodeBase64(value, out var decoded) && decoded != value) result.Add(decoded);
        result.Add(value);
        return result;
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    private static bool TryDecodeBase64(string value, out string decoded)
    {
        decoded = "";
        if (value.Length % 4 != 0) return false;
        // Every OCPI call passes here: a token of a few hundred characters decodes on the stack.
        Span<byte> buffer = value.Length <= 512 ? stackalloc byte[value.Length] : new byte[value.Length];
        if (!Convert.TryFromBase64String(value, buffer, out var written)) return false;
        string text;
        try
        {
            text = StrictUtf8.GetString(buffer[..written]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        // Peers that copied the errata's example encode a trailing newline; the token itself never has one.
        text = text.TrimEnd('\n', '\r');
        if (text.Length == 0 || !IsTokenText(text)) return false;
        decoded = text;
        return true;
    }

    /// <summary>Credentials tokens are printable, non-whitespace ASCII (U+0021..U+007E, 2.2.1 errata).</summary>
    public static bool IsTokenText(string value) => !value.AsSpan().ContainsAnyExceptInRange('!', '~');
}
