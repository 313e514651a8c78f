using Platform.Ocpi.Model.Locations;

namespace Platform.Ocpi.Model.Cdrs;

/// <summary>
/// 2.2.1 mod_cdrs §CdrLocation: the Location, EVSE and Connector as they were at session start. For a
/// reservation-only CDR the EVSE and connector ids are "#NA" (types §#NA).
/// </summary>
public sealed record CdrLocation
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? State { get; init; }
    public string? Country { get; init; }
    public GeoLocation? Coordinates { get; init; }
    public string? EvseUid { get; init; }
    public string? EvseId { get; init; }
    public string? ConnectorId { get; init; }
    public ConnectorType? ConnectorStandard { get; init; }
    public ConnectorFormat? ConnectorFormat { get; init; }
    public PowerType? ConnectorPowerType { get; init; }
}
