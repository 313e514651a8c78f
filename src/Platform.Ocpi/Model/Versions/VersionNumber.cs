using System.Text.Json.Serialization;

namespace Platform.Ocpi.Model.Versions;

/// <summary>2.2.1 version_information_endpoint §VersionNumber. On the wire versions are read as strings.</summary>
public enum VersionNumber
{
    [JsonStringEnumMemberName("2.0")] V2_0,
    [JsonStringEnumMemberName("2.1")] V2_1,
    [JsonStringEnumMemberName("2.1.1")] V2_1_1,
    [JsonStringEnumMemberName("2.2")] V2_2,
    [JsonStringEnumMemberName("2.2.1")] V2_2_1,
    [JsonStringEnumMemberName("2.3.0")] V2_3_0,
}

/// <summary>The OCPI versions this platform speaks, oldest first; every one of them translates to the 2.2.1 model.</summary>
public static class OcpiVersions
{
    public const string V211 = "2.1.1";
    public const string V221 = "2.2.1";
    public const string V230 = "2.3.0";

    public static readonly IReadOnlyList<string> All = [V211, V221, V230];

    /// <summary>Orders version strings numerically (2.10 after 2.9); a value that is no version sorts first.</summary>
    public static int Compare(string? a, string? b) => Parse(a).CompareTo(Parse(b));

    private static Version Parse(string? value) => System.Version.TryParse(value, out var v) ? v : new Version(0, 0);
}
