using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Ocpi.Json;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Compares what was sent to a platform with what it gives back, as OCPI JSON rather than as text.</summary>
public static class OcpiJsonAssert
{
    /// <summary>
    /// Same JSON by meaning: same properties (in any order), array items in order, numbers by value; a string may
    /// differ only as the same OCPI DateTime written in the <c>Z</c> form.
    /// </summary>
    public static void Same(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case JsonObject e:
                var a = Assert.IsType<JsonObject>(actual, exactMatch: false);
                Assert.True(e.Select(p => p.Key).Order(StringComparer.Ordinal).SequenceEqual(a.Select(p => p.Key).Order(StringComparer.Ordinal)),
                    $"{path}: properties {string.Join(",", e.Select(p => p.Key))} came back as {string.Join(",", a.Select(p => p.Key))}");
                foreach (var (name, value) in e) Same(value, a[name], $"{path}.{name}");
                break;
            case JsonArray e:
                var list = Assert.IsType<JsonArray>(actual, exactMatch: false);
                Assert.True(e.Count == list.Count, $"{path}: {e.Count} items came back as {list.Count}");
                for (var i = 0; i < e.Count; i++) Same(e[i], list[i], $"{path}[{i}]");
                break;
            case null:
                Assert.True(actual is null, $"{path}: null came back as {Json(actual)}");
                break;
            default:
                var expectedValue = expected.AsValue();
                Assert.True(actual is JsonValue, $"{path}: {Json(expected)} came back as {Json(actual)}");
                var kind = expectedValue.GetValueKind();
                Assert.True(kind == actual.GetValueKind(), $"{path}: {Json(expected)} came back as {Json(actual)}");
                if (kind == JsonValueKind.Number)
                    Assert.True(Number(expected) == Number(actual), $"{path}: {Json(expected)} came back as {Json(actual)}");
                else if (kind == JsonValueKind.String && (string)expected! != (string)actual!)
                    Assert.True(OcpiDateTime.TryParse((string)expected!, out var sentAt) && OcpiDateTime.TryParse((string)actual!, out var readAt)
                                && sentAt == readAt && ((string)actual!).EndsWith('Z'),
                        $"{path}: \"{expected}\" came back as \"{actual}\"");
                else
                    Assert.True(JsonNode.DeepEquals(expected, actual), $"{path}: {Json(expected)} came back as {Json(actual)}");
                break;
        }
    }

    /// <summary>By its JSON text: a value built in memory from an int has no decimal GetValue, one parsed from text has.</summary>
    private static decimal Number(JsonNode node) =>
        decimal.Parse(node.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";
}
