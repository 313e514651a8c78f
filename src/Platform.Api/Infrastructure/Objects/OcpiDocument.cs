using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Platform.Ocpi;
using Platform.Ocpi.Json;

namespace Platform.Api.Infrastructure.Objects;

/// <summary>Wire objects as JSON trees, for the stores' documents and for PATCH merges (absent fields stay absent).</summary>
public static class OcpiDocument
{
    public static JsonObject ToObject<T>(T value) => JsonSerializer.SerializeToNode(value, OcpiJson.Options)!.AsObject();

    public static DateTime LastUpdated(JsonObject document) => document["last_updated"].Deserialize<DateTime>(OcpiJson.Options);

    public static string Serialize(JsonObject document) => document.ToJsonString(OcpiJson.Options);

    /// <summary>
    /// A page of stored documents as the data of an answer: parsed, not built into trees, so that each is written as it was
    /// stored (<see cref="RawJsonElementConverter"/>) unless the caller's version needs it changed (Modules/Versions).
    /// </summary>
    public static IReadOnlyList<JsonElement> Page(IReadOnlyList<string> documents)
    {
        var page = new JsonElement[documents.Count];
        for (var i = 0; i < page.Length; i++) page[i] = JsonElement.Parse(documents[i]);
        return page;
    }

    /// <summary>
    /// Whether a stored id (a CiString) is <paramref name="id"/>, read without making a string of it: a location's EVSEs are
    /// found by uid on every PATCH, and a string per EVSE passed over was about 2 KB of the 32 KB such a PATCH allocated.
    /// </summary>
    public static bool IdIs(JsonNode? value, string id)
    {
        if (value is not JsonValue node) return false;
        return node.TryGetValue<JsonElement>(out var element)
            ? IdIs(element, id)
            : node.TryGetValue<string>(out var text) && CiString.Equal(text, id);
    }

    /// <summary>The same, of a parsed document's element: a GET of an EVSE passes over its location's other EVSEs so.</summary>
    public static bool IdIs(JsonElement element, string id)
    {
        if (element.ValueKind != JsonValueKind.String) return false;
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw is [(byte)'"', .., (byte)'"']) raw = raw[1..^1];
        // An escaped or non-ASCII id is compared as its text.
        return raw.Contains((byte)'\\') || !Ascii.IsValid(raw) ? CiString.Equal(element.GetString(), id) : Ascii.EqualsIgnoreCase(raw, id);
    }

    /// <summary>
    /// The eMSP a Session's or CDR's <c>cdr_token</c> belongs to: the only party that receives the object (the
    /// object store's audience key).
    /// </summary>
    public static string? TokenOwner(JsonObject document) =>
        document["cdr_token"] is JsonObject token && (string?)token["country_code"] is { } cc && (string?)token["party_id"] is { } pid
            ? Platform.Api.Tenancy.PartyKey.Of(cc, pid)
            : null;

    /// <summary>
    /// What a PATCH changes: the typed delta as stored JSON (fields the model does not know are not stored), plus
    /// each field the sender set to an explicit <c>null</c>, which clears it (validation has refused nulled required fields).
    /// </summary>
    public static JsonObject Delta<T>(T typed, JsonObject? sent)
    {
        var delta = ToObject(typed);
        if (sent is not null)
            foreach (var (name, value) in sent)
                if (value is null) delta[name] = null;
        return delta;
    }

    /// <summary>
    /// The one PATCH merge (2.2.1 transport_and_format §PATCH): each field of <paramref name="delta"/> replaces the
    /// stored one, a null removes it, and the list named <paramref name="appendTo"/> is appended to instead
    /// (Session charging_periods, 2.2.1 mod_sessions).
    /// </summary>
    public static void Merge(JsonObject target, JsonObject delta, string? appendTo = null)
    {
        foreach (var (name, value) in delta)
        {
            if (value is null) target.Remove(name);
            else if (name == appendTo && value is JsonArray items)
            {
                if (target[name] is not JsonArray list) target[name] = list = [];
                foreach (var item in items) list.Add(item?.DeepClone());
            }
            else target[name] = value.DeepClone();
        }
    }
}
