using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Ocpi.Json;

namespace Platform.UnitTests.Wire;

/// <summary>JSON trees for tests: semantic comparison and edits by OCPI path (<c>evses[0].connectors[1].id</c>).</summary>
internal static partial class JsonTree
{
    /// <summary>
    /// Differences between two trees, as paths. Property order is ignored, a null property equals an absent one
    /// (nulls are omitted on write), numbers compare as decimals, DateTime strings compare as instants.
    /// </summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var found = new List<string>();
        Compare(expected, actual, path, found);
        return found;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> found)
    {
        switch (a, b)
        {
            case (null, null):
                return;
            case (JsonObject oa, JsonObject ob):
                var keys = oa.Where(p => p.Value is not null).Select(p => p.Key)
                    .Union(ob.Where(p => p.Value is not null).Select(p => p.Key));
                foreach (var key in keys)
                    Compare(oa[key], ob[key], $"{path}.{key}", found);
                return;
            case (JsonArray xa, JsonArray xb):
                if (xa.Count != xb.Count) found.Add($"{path}: {xa.Count} elements vs {xb.Count}");
                for (var i = 0; i < Math.Min(xa.Count, xb.Count); i++)
                    Compare(xa[i], xb[i], $"{path}[{i}]", found);
                return;
            case (JsonValue va, JsonValue vb) when SameValue(va, vb):
                return;
            default:
                found.Add($"{path}: {a?.ToJsonString() ?? "absent"} vs {b?.ToJsonString() ?? "absent"}");
                return;
        }
    }

    private static bool SameValue(JsonValue a, JsonValue b)
    {
        var (ka, kb) = (a.GetValueKind(), b.GetValueKind());
        if (ka != kb) return false;
        if (ka == JsonValueKind.Number)
            return decimal.Parse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                   == decimal.Parse(b.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (ka == JsonValueKind.String)
        {
            var (sa, sb) = (a.GetValue<string>(), b.GetValue<string>());
            return sa == sb || (OcpiDateTime.TryParse(sa, out var da) && OcpiDateTime.TryParse(sb, out var db) && da == db);
        }
        return a.ToJsonString() == b.ToJsonString();
    }

    [GeneratedRegex(@"^(?<name>[a-z_0-9]+)(?<index>(\[\d+\])*)$")]
    private static partial Regex Segment();

    /// <summary>The object or array that holds the last segment of <paramref name="path"/>, and that segment.</summary>
    private static (JsonNode Parent, string Name, int? Index) Locate(JsonNode root, string path)
    {
        var segments = path.Split('.');
        JsonNode current = root;
        for (var s = 0; s < segments.Length; s++)
        {
            var m = Segment().Match(segments[s]);
            if (!m.Success) throw new ArgumentException($"bad path segment '{segments[s]}'");
            var name = m.Groups["name"].Value;
            var indexes = Regex.Matches(m.Groups["index"].Value, @"\d+").Select(x => int.Parse(x.Value, CultureInfo.InvariantCulture)).ToList();
            var last = s == segments.Length - 1;
            if (last && indexes.Count == 0) return (current, name, null);
            current = current[name] ?? throw new ArgumentException($"'{path}': no '{name}' in {current.ToJsonString()}");
            for (var i = 0; i < indexes.Count; i++)
            {
                if (last && i == indexes.Count - 1) return (current, name, indexes[i]);
                current = current[indexes[i]]!;
            }
        }
        throw new ArgumentException($"empty path '{path}'");
    }

    public static JsonNode Remove(JsonNode root, string path)
    {
        var (parent, name, index) = Locate(root, path);
        if (index is { } i) parent.AsArray().RemoveAt(i);
        else if (!parent.AsObject().Remove(name)) throw new ArgumentException($"'{path}' is not in the sample");
        return root;
    }

    public static JsonNode Set(JsonNode root, string path, JsonNode? value)
    {
        var (parent, name, index) = Locate(root, path);
        if (index is { } i) parent[i] = value;
        else parent[name] = value;
        return root;
    }

    public static JsonNode? Get(JsonNode root, string path)
    {
        var (parent, name, index) = Locate(root, path);
        return index is { } i ? parent[i] : parent[name];
    }
}
