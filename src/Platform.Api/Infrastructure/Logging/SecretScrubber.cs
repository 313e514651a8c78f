using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Platform.Api.Infrastructure.Logging;

/// <summary>
/// Last line of defence for token hygiene: whatever a log event carries, a value that looks like an
/// Authorization header, or a property named like a secret, is masked before any sink sees it.
/// Our own code never logs tokens; this catches frameworks and mistakes. It also escapes control characters in every
/// text value (<see cref="LogText"/>), so a request path or a peer's text cannot forge a log line.
/// </summary>
public sealed partial class SecretScrubber : ILogEventEnricher
{
    private const string Mask = "***";

    // Case-sensitive: the schemes as headers spell them, so ordinary prose ("the token may…") is left alone.
    [GeneratedRegex(@"\b(Token|Bearer|Basic)\s+[^\s,;""']+", RegexOptions.CultureInvariant)]
    private static partial Regex AuthorizationValue();

    [GeneratedRegex(@"(?i)(""?(?:token|api_?key|authorization|password|secret)""?\s*[:=]\s*""?)(?!(?:Token|Bearer|Basic)\s)[^\s,;""'}]+", RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();

    // Searched in every property name of every event: one pass, no delegate per name.
    private static readonly System.Buffers.SearchValues<string> SecretNames = System.Buffers.SearchValues.Create(
        ["token", "authorization", "apikey", "api_key", "password", "secret"], StringComparison.OrdinalIgnoreCase);

    // A text none of these occur in (any case) matches neither pattern: most are ids, paths and party keys, and skip both.
    private static readonly System.Buffers.SearchValues<string> Clues = System.Buffers.SearchValues.Create(
        ["token", "bearer", "basic", "api_key", "apikey", "authorization", "password", "secret"], StringComparison.OrdinalIgnoreCase);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        // Every event passes here (a request's line among them): nothing is copied unless something changes.
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var scrubbed = IsSecretName(name) ? new ScalarValue(Mask) : Scrub(value);
            if (!ReferenceEquals(scrubbed, value)) (changed ??= []).Add(new LogEventProperty(name, scrubbed));
        }
        foreach (var property in changed ?? []) logEvent.AddOrUpdateProperty(property);
    }

    // Property names are the code's (templates, scopes, enrichers), so a request's events ask about the same few again and
    // again: the answer is kept, up to a bound, in case some sink's names are made from data.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> KnownNames = new(StringComparer.Ordinal);

    private static bool IsSecretName(string name)
    {
        if (KnownNames.TryGetValue(name, out var secret)) return secret;
        secret = name.AsSpan().ContainsAny(SecretNames) && !name.EndsWith("Id", StringComparison.Ordinal);
        if (KnownNames.Count < 4096) KnownNames.TryAdd(name, secret);
        return secret;
    }

    private static LogEventPropertyValue Scrub(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } => ScrubText(LogText.Escape(s)) is var t && !ReferenceEquals(t, s) ? new ScalarValue(t) : value,
        SequenceValue seq => Rebuild(seq),
        StructureValue st => Rebuild(st),
        DictionaryValue dict => Rebuild(dict),
        _ => value,
    };

    // Each pattern needs one of these after its word: a scheme's whitespace (\s, the same set as char.IsWhiteSpace), an
    // assignment's ':' or '='. A token's path (/ocpi/2.2.1/sender/tokens/…/authorize) has a clue but none of them.
    private static readonly System.Buffers.SearchValues<char> Separators = System.Buffers.SearchValues.Create(
        [':', '=', .. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace)]);

    public static string ScrubText(string text)
    {
        if (text.Length < 6 || !text.AsSpan().ContainsAny(Separators) || text.AsSpan().IndexOfAny(Clues) < 0) return text;
        var result = AuthorizationValue().Replace(text, m => m.Groups[1].Value + " " + Mask);
        result = SecretAssignment().Replace(result, m => m.Groups[1].Value + Mask);
        return result == text ? text : result;
    }

    private static LogEventPropertyValue Rebuild(SequenceValue seq)
    {
        var items = seq.Elements.Select(Scrub).ToList();
        return items.SequenceEqual(seq.Elements) ? seq : new SequenceValue(items);
    }

    private static LogEventPropertyValue Rebuild(StructureValue st)
    {
        var props = st.Properties.Select(p => IsSecretName(p.Name)
            ? new LogEventProperty(p.Name, new ScalarValue(Mask))
            : new LogEventProperty(p.Name, Scrub(p.Value))).ToList();
        return new StructureValue(props, st.TypeTag);
    }

    private static LogEventPropertyValue Rebuild(DictionaryValue dict) =>
        new DictionaryValue(dict.Elements.Select(kv =>
            new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key,
                kv.Key.Value is string k && IsSecretName(k) ? new ScalarValue(Mask) : Scrub(kv.Value))));
}
