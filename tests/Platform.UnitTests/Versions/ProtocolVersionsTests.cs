using Microsoft.Extensions.Configuration;
using Platform.Api.Modules.Versions;

namespace Platform.UnitTests.Versions;

/// <summary>Which versions are offered (Ocpi:Versions) and which one a connection takes.</summary>
public sealed class ProtocolVersionsTests
{
    private static ProtocolVersions With(params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    [Fact]
    public void All_three_are_offered_by_default_oldest_first_and_a_list_or_a_comma_string_switches_some_off()
    {
        Assert.Equal(["2.1.1", "2.2.1", "2.3.0"], With().Enabled);
        Assert.Equal(["2.1.1", "2.3.0"], With(("Ocpi:Versions", "2.3.0, 2.1.1")).Enabled);
        Assert.Equal(["2.2.1"], With(("Ocpi:Versions:0", "2.2.1"), ("Ocpi:Versions:1", "9.9")).Enabled);
    }

    [Fact]
    public void An_operators_change_applies_when_the_configuration_reloads()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Ocpi:Versions", "2.2.1")]).Build();
        var versions = new ProtocolVersions(configuration);
        Assert.Equal(["2.2.1"], versions.Enabled);

        configuration["Ocpi:Versions"] = "2.2.1,2.3.0";
        configuration.Reload();

        Assert.Equal(["2.2.1", "2.3.0"], versions.Enabled);
    }

    [Fact]
    public void The_highest_mutual_version_is_chosen_unless_one_is_pinned()
    {
        var versions = With(("Ocpi:Versions", "2.1.1,2.2.1"));
        Assert.Equal("2.2.1", versions.Choose(["2.0", "2.1.1", "2.2.1", "2.3.0", "2.10"]));
        Assert.Equal("2.1.1", versions.Choose(["2.1.1", "2.2.1"], pinned: "2.1.1"));
        Assert.Null(versions.Choose(["2.2.1"], pinned: "2.1.1"));
        Assert.Null(versions.Choose(["2.0", "2.3.0"]));
        Assert.Contains("switched off", versions.PinProblem("2.3.0"), StringComparison.Ordinal);
        Assert.Null(versions.PinProblem(null));
    }
}
