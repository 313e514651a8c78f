namespace Platform.Ocpi.Model.Versions;

/// <summary>
/// 2.2.1 version_information_endpoint §Version (named VersionInfo here: C# forbids a member named like its type).
/// <c>version</c> stays a string on the wire: a peer may list versions we do not know (2.3.0 makes
/// VersionNumber an open enum), and that must not break reading its list.
/// </summary>
public sealed record VersionInfo
{
    public string? Version { get; init; }
    public string? Url { get; init; }
}
