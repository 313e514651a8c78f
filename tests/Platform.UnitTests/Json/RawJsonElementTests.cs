using System.Buffers;
using System.Text;
using System.Text.Json;
using Platform.Ocpi.Json;
using Platform.Ocpi.Transport;
using Platform.UnitTests.Wire;

namespace Platform.UnitTests.Json;

/// <summary>
/// A parsed element is written as its own bytes (<see cref="RawJsonElementConverter"/>). For the documents the platform
/// stores, which its serializer wrote, those are the bytes the framework's token-by-token rewrite made.
/// </summary>
public class RawJsonElementTests
{
    public static TheoryData<string> ExampleFiles() => [.. Examples.Files(Examples.BugfixesFolder)];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Every_part_of_a_stored_document_is_written_as_the_rewrite_wrote_it(string file)
    {
        // The stored form: what the platform's serializer writes (OcpiDocument.Serialize, StoredObject).
        var stored = Examples.Node(file).ToJsonString(OcpiJson.Options);
        using var document = JsonDocument.Parse(stored);
        var checkedParts = 0;
        foreach (var part in Parts(document.RootElement))
        {
            Assert.Equal(Rewritten(part), OcpiJson.Serialize(part));
            checkedParts++;
        }
        Assert.True(checkedParts > 1, $"{file} has parts to compare");
    }

    [Fact]
    public void The_examples_hold_text_the_writer_escapes()
    {
        // Without such text the comparison above could not tell a raw copy from a rewrite.
        var stored = Examples.Files(Examples.BugfixesFolder).Select(f => Examples.Node(f).ToJsonString(OcpiJson.Options)).ToList();
        Assert.Contains(stored, s => s.Contains("\\u", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_from_elsewhere_keeps_its_spacing_and_escapes_and_means_the_same()
    {
        const string text = """{ "id" : "L\u00e9on", "evses": [ {"uid":"A\/1"} ], "n": 1.50 }""";
        using var document = JsonDocument.Parse(text);

        var written = OcpiJson.Serialize(document.RootElement);

        Assert.Equal(text, written);
        using var back = JsonDocument.Parse(written);
        Assert.True(JsonElement.DeepEquals(document.RootElement, back.RootElement));
    }

    [Fact]
    public void An_envelope_carries_the_element_as_its_data()
    {
        using var document = JsonDocument.Parse("""{"uid":"EVSE1","status":"AVAILABLE","connectors":[{"id":"1"}]}""");
        var evse = document.RootElement;
        var envelope = new OcpiResponse<object> { Data = evse, StatusCode = OcpiStatus.Success, Timestamp = new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc) };

        var buffer = new ArrayBufferWriter<byte>();
        OcpiJson.Serialize(buffer, envelope);

        Assert.Equal("""{"data":{"uid":"EVSE1","status":"AVAILABLE","connectors":[{"id":"1"}]},"status_code":1000,"timestamp":"2026-12-06T00:00:00Z"}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void An_element_is_read_as_the_framework_reads_it()
    {
        var read = OcpiJson.Deserialize<Dictionary<string, JsonElement>>("""{"a":{"b":[1,"x",null]}}""")!;

        Assert.Equal("""{"b":[1,"x",null]}""", read["a"].GetRawText());
    }

    // The framework's rule, which the converter replaces: the element written again, token by token, by a writer of the
    // serializer's settings (the default escaping, no indentation).
    private static string Rewritten(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) element.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static IEnumerable<JsonElement> Parts(JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(p => p.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var child in children)
            foreach (var part in Parts(child))
                yield return part;
    }
}
