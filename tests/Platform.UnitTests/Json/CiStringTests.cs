using Platform.Ocpi;

namespace Platform.UnitTests.Json;

public class CiStringTests
{
    [Theory]
    [InlineData("NL", "nl")]
    [InlineData("LOC1", "loc1")]
    [InlineData("Abc-123", "aBC-123")]
    public void Compares_case_insensitively(string a, string b)
    {
        Assert.True(CiString.Equal(a, b));
        Assert.Equal(CiString.Key(a), CiString.Key(b));
        Assert.Equal(0, CiString.Comparer.Compare(a, b));
    }

    [Fact]
    public void Different_values_stay_different() => Assert.False(CiString.Equal("LOC1", "LOC2"));

    [Theory]
    [InlineData("ABC", 3, true)]
    [InlineData("ABCD", 3, false)]
    [InlineData("A\tB", 3, false)]
    [InlineData("A\nB", 3, false)]
    [InlineData("Ünï", 3, false)]
    [InlineData(null, 3, false)]
    public void Validates_printable_ascii_and_length(string? value, int max, bool valid) =>
        Assert.Equal(valid, CiString.IsValid(value, max));
}
