using System.Globalization;
using System.Text;

namespace Platform.Api.Infrastructure.Logging;

/// <summary>
/// Text from outside (a request path, a peer's message, a URL) must not start a new log line or hide itself:
/// control characters, line and paragraph separators become visible escapes (\n, \u0000).
/// </summary>
public static class LogText
{
    // What char.IsControl names (U+0000–U+001F, U+007F–U+009F) and the two separators: searched as a set, since every
    // text of every log event passes here and almost none holds one.
    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\u2028', '\u2029']);

    public static string Escape(string text)
    {
        var i = text.AsSpan().IndexOfAny(Escaped);
        if (i < 0) return text;
        var result = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!Escaped.Contains(c)) result.Append(c);
            else result.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }
        return result.ToString();
    }
}
