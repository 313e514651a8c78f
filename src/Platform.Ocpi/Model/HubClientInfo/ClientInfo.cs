using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.HubClientInfo;

/// <summary>2.2.1 mod_hub_client_info §ClientInfo: a party behind the Hub and whether it is reachable.</summary>
public sealed record ClientInfo
{
    public string? PartyId { get; init; }
    public string? CountryCode { get; init; }
    public Role? Role { get; init; }
    public ConnectionStatus? Status { get; init; }
    public DateTime? LastUpdated { get; init; }
}

public enum ConnectionStatus
{
    CONNECTED,
    OFFLINE,
    PLANNED,
    SUSPENDED,
}
