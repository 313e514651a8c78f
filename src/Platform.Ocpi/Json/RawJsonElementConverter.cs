using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Ocpi.Json;

/// <summary>
/// Writes a <see cref="JsonElement"/> as the bytes it was parsed from, where the framework's converter writes it again
/// token by token (about 1 µs for an EVSE, on every GET of one). A parsed element is valid JSON by construction. The
/// elements the platform answers with are parts of stored documents, which its own serializer wrote with these options
/// (no whitespace, the default escaping), so the bytes are the same ones the rewrite made. An element parsed from
/// anything else keeps that text's whitespace and escaping, and means the same.
/// </summary>
public sealed class RawJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) =>
        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
}
