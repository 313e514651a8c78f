using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Ocpi.Json;

/// <summary>Reads and writes <see cref="DateTime"/> by the OCPI rule; see <see cref="OcpiDateTime"/>.</summary>
public sealed class OcpiDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("must be a DateTime string in UTC, e.g. 2015-06-29T20:39:09Z");
        var text = reader.GetString();
        return OcpiDateTime.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an OCPI DateTime: UTC only, 'Z' or no designator, no offset");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[OcpiDateTime.MaxLength];
        writer.WriteStringValue(text[..OcpiDateTime.Write(value, text)]);
    }
}
