using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Ocpi.Json;

/// <summary>The one set of JSON rules for everything on the OCPI wire.</summary>
public static class OcpiJson
{
    /// <summary>
    /// snake_case names, enums as their exact spec strings (C# members carry the spec names), nulls omitted,
    /// DateTime by the OCPI rule, unknown properties ignored (peers add custom fields; 2.3.0 forbids refusing them).
    /// </summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
            AllowTrailingCommas = false,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new OcpiDateTimeConverter());
        options.Converters.Add(new RawJsonElementConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Into <paramref name="output"/>, e.g. a pooled buffer, so that the length is known before anything is sent.</summary>
    public static void Serialize<T>(System.Buffers.IBufferWriter<byte> output, T value)
    {
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, value, Options);
    }

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>
    /// Reads <paramref name="json"/> as <typeparamref name="T"/>. Broken JSON and JSON that does not fit the type
    /// (a wrong type, an enum value the spec does not have, a DateTime with an offset) are told apart, because
    /// OCPI answers the first with HTTP 400 and the second with status 2001.
    /// </summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> json, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out JsonReadError? error)
    {
        // One pass when the body is good, as nearly every body is; the parse that tells the two faults apart runs only
        // for a body the serializer refused. The serializer refuses whatever that parse refuses (an empty body, data after
        // the value), with the same reader settings.
        try
        {
            value = JsonSerializer.Deserialize<T>(json, Options);
        }
        catch (JsonException)
        {
            return Diagnose(json, out value, out error);
        }
        if (value is null)
        {
            error = new JsonReadError(JsonReadErrorKind.Shape, "$", "the body must be a JSON object, not null");
            return false;
        }
        error = null;
        return true;
    }

    private static bool Diagnose<T>(ReadOnlySpan<byte> json, [NotNullWhen(true)] out T? value, [NotNullWhen(false)] out JsonReadError? error)
    {
        value = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!JsonDocument.TryParseValue(ref reader, out var document))
            {
                error = new JsonReadError(JsonReadErrorKind.Syntax, "$", "the body is empty");
                return false;
            }
            using (document)
            {
                if (reader.BytesConsumed < json.Length && !IsWhitespace(json[(int)reader.BytesConsumed..]))
                {
                    error = new JsonReadError(JsonReadErrorKind.Syntax, "$", "unexpected data after the JSON value");
                    return false;
                }
                try
                {
                    value = document.Deserialize<T>(Options);
                }
                catch (JsonException e)
                {
                    error = new JsonReadError(JsonReadErrorKind.Shape, ToOcpiPath(e.Path), ShapeMessage(e, typeof(T)));
                    return false;
                }
                if (value is null)
                {
                    error = new JsonReadError(JsonReadErrorKind.Shape, "$", "the body must be a JSON object, not null");
                    return false;
                }
                error = null;
                return true;
            }
        }
        catch (JsonException e)
        {
            error = new JsonReadError(JsonReadErrorKind.Syntax, ToOcpiPath(e.Path), $"not valid JSON ({FirstSentence(e.Message)})");
            return false;
        }
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> rest)
    {
        foreach (var b in rest)
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false;
        return true;
    }

    private const string NotConverted = "The JSON value could not be converted to ";

    private static string ShapeMessage(JsonException e, Type target)
    {
        // Our converters throw messages meant for people; System.Text.Json's own ones name .NET types.
        if (!e.Message.StartsWith(NotConverted, StringComparison.Ordinal)) return FirstSentence(e.Message);
        return EnumNamed(e.Message, target) is { } enumType
            ? $"is not one of {string.Join(", ", WireNames(enumType))}"
            : "has a value of the wrong type";
    }

    private static IEnumerable<string> WireNames(Type enumType) =>
        enumType.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => f.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false).OfType<JsonStringEnumMemberNameAttribute>()
                .FirstOrDefault()?.Name ?? f.Name);

    /// <summary>The enum System.Text.Json failed to convert to, read from its message (it names the .NET type, which
    /// lives in this assembly or the target's), so a refusal can list the values a person may send.</summary>
    private static Type? EnumNamed(string message, Type target)
    {
        var name = FirstSentence(message)[NotConverted.Length..];
        const string nullable = "System.Nullable`1[";
        if (name.StartsWith(nullable, StringComparison.Ordinal)) name = name[nullable.Length..].TrimEnd(']');
        var type = typeof(OcpiJson).Assembly.GetType(name) ?? target.Assembly.GetType(name);
        return type is { IsEnum: true } ? type : null;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd('.') : message.TrimEnd('.');
    }

    /// <summary>Turns System.Text.Json's <c>$.evses[0].status</c> into the OCPI-style <c>evses[0].status</c>.</summary>
    public static string ToOcpiPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return "$";
        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }
}

public enum JsonReadErrorKind
{
    /// <summary>Not JSON at all: HTTP 400.</summary>
    Syntax,
    /// <summary>Valid JSON that does not fit the object: OCPI 2001.</summary>
    Shape,
}

public sealed record JsonReadError(JsonReadErrorKind Kind, string Path, string Message)
{
    public override string ToString() => Path == "$" ? Message : $"{Path}: {Message}";
}
