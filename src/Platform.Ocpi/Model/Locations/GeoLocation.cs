using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.Locations;

/// <summary>
/// 2.2.1 mod_locations §GeoLocation: WGS 84 coordinates as decimal strings (not numbers), so the precision the
/// sender chose (5 to 7 decimals) survives a round trip.
/// </summary>
public sealed record GeoLocation
{
    public string? Latitude { get; init; }
    public string? Longitude { get; init; }
}

/// <summary>2.2.1 mod_locations §AdditionalGeoLocation: a related point, e.g. an entrance, with a name.</summary>
public sealed record AdditionalGeoLocation
{
    public string? Latitude { get; init; }
    public string? Longitude { get; init; }
    public DisplayText? Name { get; init; }
}
