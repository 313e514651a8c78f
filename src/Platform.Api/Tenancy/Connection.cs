namespace Platform.Api.Tenancy;

/// <summary>States of a credentials relationship (ADMIN-API.md).</summary>
public static class ConnectionStates
{
    public const string Pending = "pending";
    public const string Registered = "registered";
    public const string Suspended = "suspended";
    public const string Unregistered = "unregistered";
}

/// <summary>A connection to another platform (or Hub) over HTTP, or between parties hosted here.</summary>
public static class ConnectionKinds
{
    public const string Remote = "remote";
    public const string Internal = "internal";
}

/// <summary>One credentials relationship with one remote platform (or Hub), or between parties hosted here.</summary>
public sealed class Connection
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = ConnectionKinds.Remote;

    public bool IsInternal => Kind == ConnectionKinds.Internal;
    public string State { get; init; } = ConnectionStates.Pending;
    public string InitiatedBy { get; init; } = "them";
    public string? Version { get; init; }
    /// <summary>The OCPI version an operator pinned the connection to; null: the highest mutual one.</summary>
    public string? PinnedVersion { get; init; }
    /// <summary>The one role of its parties this connection serves (a 2.1.1 connection of a party with both); null: all.</summary>
    public string? PartyRole { get; init; }
    public string? VersionsUrl { get; init; }
    public string? Endpoints { get; init; }
    public string? OutboundToken { get; init; }
    public bool OutboundTokenRaw { get; init; }
    public DateTime? InvitationExpiresAt { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? RegisteredAt { get; init; }
}

/// <summary>A party reachable through a connection, as its credentials (or a Hub's ClientInfo) declare it.</summary>
public sealed class RemoteParty
{
    public string ConnectionId { get; init; } = "";
    public string Role { get; init; } = "";
    public string CountryCode { get; init; } = "";
    public string PartyId { get; init; } = "";
    public string? Name { get; init; }
    public string Source { get; init; } = RemotePartySources.Credentials;

    public bool Is(Platform.Ocpi.Model.Common.Role role) => Role == role.ToString();
    public string? Status { get; init; }
}
