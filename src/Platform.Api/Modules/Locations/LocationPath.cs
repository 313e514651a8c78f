namespace Platform.Api.Modules.Locations;

/// <summary>Which object of a Location tree a URL addresses: the location, one EVSE, or one connector.</summary>
public sealed record LocationPath(string LocationId, string? EvseUid = null, string? ConnectorId = null)
{
    public override string ToString() =>
        LocationId + (EvseUid is null ? "" : "/" + EvseUid) + (ConnectorId is null ? "" : "/" + ConnectorId);
}
