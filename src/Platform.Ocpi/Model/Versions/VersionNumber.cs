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
}

public static class OcpiVersions
{
    public const string V221 = "2.2.1";
}
