namespace Platform.Ocpi.Model.Commands;

/// <summary>2.2.1 mod_commands §UnlockConnector: operator and helpdesk use only, never on a driver's request.</summary>
public sealed record UnlockConnector
{
    public string? ResponseUrl { get; init; }
    public string? LocationId { get; init; }
    public string? EvseUid { get; init; }
    public string? ConnectorId { get; init; }
}
