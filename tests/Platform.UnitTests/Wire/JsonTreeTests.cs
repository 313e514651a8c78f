using System.Text.Json.Nodes;

namespace Platform.UnitTests.Wire;

/// <summary>The round-trip comparison must see real differences, or the example tests prove nothing.</summary>
public sealed class JsonTreeTests
{
    [Theory]
    [InlineData("""{"a":2.00,"b":"x"}""", """{"b":"x","a":2}""")]
    [InlineData("""{"t":"2015-06-29T20:39:09"}""", """{"t":"2015-06-29T20:39:09Z"}""")]
    [InlineData("""{"a":1,"n":null}""", """{"a":1}""")]
    public void Equal_trees(string a, string b) => Assert.Empty(JsonTree.Differences(JsonNode.Parse(a), JsonNode.Parse(b)));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", "$.b")]
    [InlineData("""{"a":{"b":[1,2]}}""", """{"a":{"b":[1,3]}}""", "$.a.b[1]")]
    [InlineData("""{"a":[1,2]}""", """{"a":[1]}""", "$.a")]
    [InlineData("""{"a":"1"}""", """{"a":1}""", "$.a")]
    [InlineData("""{"t":"2015-06-29T20:39:09Z"}""", """{"t":"2015-06-29T20:39:10Z"}""", "$.t")]
    public void Different_trees(string a, string b, string path) =>
        Assert.StartsWith(path + ":", Assert.Single(JsonTree.Differences(JsonNode.Parse(a), JsonNode.Parse(b))), StringComparison.Ordinal);
}
