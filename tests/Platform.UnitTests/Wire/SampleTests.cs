using System.Text.Json.Nodes;

namespace Platform.UnitTests.Wire;

/// <summary>The hand-written samples every other table edits must themselves be valid and round-trip.</summary>
public sealed class SampleTests
{
    public static TheoryData<string> SampleKinds => new(Samples.ByKind.Keys);

    [Theory]
    [MemberData(nameof(SampleKinds))]
    public void Sample_is_valid_and_round_trips(string kind)
    {
        var json = Samples.ByKind[kind];
        Assert.Equal("", Kinds.Problems(kind, json));
        var written = Kinds.Get(kind).Write(Kinds.ReadOk(kind, json));
        Assert.Empty(JsonTree.Differences(JsonNode.Parse(json), JsonNode.Parse(written)));
    }

    [Theory]
    [InlineData("Location")]
    [InlineData("Evse")]
    [InlineData("Connector")]
    [InlineData("Session")]
    [InlineData("Token")]
    public void A_complete_object_is_also_a_valid_patch(string kind) =>
        Assert.Equal("", Kinds.Problems(kind + ".patch", Samples.ByKind[kind]));
}
