namespace Platform.Ocpi.Model.Versions;

/// <summary>2.2.1 version_information_endpoint §Version details: <c>version</c> 1, <c>endpoints</c> +.</summary>
public sealed record VersionDetails
{
    public string? Version { get; init; }
    public IReadOnlyList<Endpoint>? Endpoints { get; init; }
}

/// <summary>
/// One module endpoint. <c>identifier</c> is a string so that custom modules a peer lists (e.g. <c>nltnm-tokens</c>)
/// read without error; <see cref="ModuleIds"/> holds the standard ones.
/// </summary>
public sealed record Endpoint
{
    public string? Identifier { get; init; }
    public InterfaceRole? Role { get; init; }
    public string? Url { get; init; }
}

public enum InterfaceRole
{
    SENDER,
    RECEIVER,
}
