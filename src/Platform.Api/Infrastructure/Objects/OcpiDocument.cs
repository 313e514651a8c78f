using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Ocpi.Json;

namespace Platform.Api.Infrastructure.Objects;

/// <summary>Wire objects as JSON trees, for the stores' documents and for PATCH merges (absent fields stay absent).</summary>
public static class OcpiDocument
{
    public static JsonObject ToObject<T>(T value) => JsonSerializer.SerializeToNode(value, OcpiJson.Options)!.AsObject();

    public static DateTime LastUpdated(JsonObject document) => document["last_updated"].Deserialize<DateTime>(OcpiJson.Options);

    public static string Serialize(JsonObject document) => document.ToJsonString(OcpiJson.Options);
}
