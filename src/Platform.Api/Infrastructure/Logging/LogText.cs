using System.Globalization;
using System.Text;

namespace Platform.Api.Infrastructure.Logging;

/// <summary>
/// Text from outside (a request path, a peer's message, a URL) must not start a new log line or hide itself:
/// control characters, line and paragraph separators become visible escapes (\n, \u0000).
/// </summary>
public static class LogText
{
    public static string Escape(string text)
    {
        var i = 0;
        while (i < text.Length && !NeedsEscape(text[i])) i++;
        if (i == text.Length) return text;
        var result = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(c)) result.Append(c);
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

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
