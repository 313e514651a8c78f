namespace Platform.Api.Modules.Versions;

/// <summary>The small JSON edits every translator is made of; each leaves absent fields absent (deltas stay deltas).</summary>
internal static class Json
{
    public static void Rename(JsonObject o, string from, string to)
    {
        if (!o.TryGetPropertyValue(from, out var value)) return;
        o.Remove(from);
        o[to] = value;
    }

    public static void Remove(JsonObject o, params string[] names)
    {
        foreach (var name in names) o.Remove(name);
    }

    /// <summary>Applies <paramref name="edit"/> to the object under <paramref name="name"/>, or to each object of the list there.</summary>
    public static void Each(JsonObject o, string name, Action<JsonObject> edit)
    {
        switch (o[name])
        {
            case JsonObject child: edit(child); break;
            case JsonArray list:
                foreach (var item in list.OfType<JsonObject>()) edit(item);
                break;
        }
    }

    /// <summary>Keeps only the values of the string list under <paramref name="name"/> that <paramref name="keep"/> knows.</summary>
    public static void Filter(JsonObject o, string name, IReadOnlySet<string> keep)
    {
        if (o[name] is not JsonArray list) return;
        foreach (var item in list.ToList())
            if (item?.GetValueKind() != System.Text.Json.JsonValueKind.String || !keep.Contains((string)item!)) list.Remove(item);
    }

    /// <summary>Maps the string under <paramref name="name"/>; a value the map lacks is removed when <paramref name="removeUnknown"/>.</summary>
    public static void Map(JsonObject o, string name, IReadOnlyDictionary<string, string> map, bool removeUnknown = false)
    {
        if (o[name] is not JsonValue v || !v.TryGetValue<string>(out var s)) return;
        if (map.TryGetValue(s, out var mapped)) o[name] = mapped;
        else if (removeUnknown) o.Remove(name);
    }

    public static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static decimal? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : null;

    public static JsonNode? Copy(JsonNode? node) => node?.DeepClone();

    /// <summary>The Price fields of a Session or CDR (2.3.0 writes each as before_taxes + taxes).</summary>
    public static readonly string[] TotalCostFields =
        ["total_cost", "total_fixed_cost", "total_energy_cost", "total_time_cost", "total_parking_cost", "total_reservation_cost"];

    public static HashSet<string> Names<TEnum>() where TEnum : struct, Enum => [.. Enum.GetNames<TEnum>()];
}
