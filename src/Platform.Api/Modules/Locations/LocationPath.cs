namespace Platform.Api.Modules.Locations;

/// <summary>Which object of a Location tree a URL addresses: the location, one EVSE, or one connector.</summary>
public sealed record LocationPath(string LocationId, string? EvseUid = null, string? ConnectorId = null)
{
    public override string ToString() =>
        LocationId + (EvseUid is null ? "" : "/" + EvseUid) + (ConnectorId is null ? "" : "/" + ConnectorId);

    /// <summary>
    /// Minimal-API binding from the route values only: a level the route does not name stays null, and can never
    /// come from the query string.
    /// </summary>
    public static ValueTask<LocationPath?> BindAsync(HttpContext http) =>
        ValueTask.FromResult<LocationPath?>(new((string)http.GetRouteValue("locationId")!, http.GetRouteValue("evseUid") as string,
            http.GetRouteValue("connectorId") as string));
}
