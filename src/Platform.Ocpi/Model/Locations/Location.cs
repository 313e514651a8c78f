using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.Locations;

/// <summary>2.2.1 mod_locations §Location object. One record serves PUT (validated whole) and PATCH (a delta).</summary>
public sealed record Location
{
    public string? CountryCode { get; init; }
    public string? PartyId { get; init; }
    public string? Id { get; init; }
    public bool? Publish { get; init; }
    public IReadOnlyList<PublishTokenType>? PublishAllowedTo { get; init; }
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }
    public string? State { get; init; }
    public string? Country { get; init; }
    public GeoLocation? Coordinates { get; init; }
    public IReadOnlyList<AdditionalGeoLocation>? RelatedLocations { get; init; }
    public ParkingType? ParkingType { get; init; }
    public IReadOnlyList<Evse>? Evses { get; init; }
    public IReadOnlyList<DisplayText>? Directions { get; init; }
    public BusinessDetails? Operator { get; init; }
    public BusinessDetails? Suboperator { get; init; }
    public BusinessDetails? Owner { get; init; }
    public IReadOnlyList<Facility>? Facilities { get; init; }
    public string? TimeZone { get; init; }
    public Hours? OpeningTimes { get; init; }
    /// <summary>Absent means <c>true</c> (the spec's default).</summary>
    public bool? ChargingWhenClosed { get; init; }
    public IReadOnlyList<Image>? Images { get; init; }
    public EnergyMix? EnergyMix { get; init; }
    /// <summary>2.3.0 (AFIR) Parking objects, kept as sent and served to 2.3.0 peers only.</summary>
    public System.Text.Json.Nodes.JsonArray? ParkingPlaces { get; init; }
    /// <summary>2.3.0 (AFIR), served to 2.3.0 peers only.</summary>
    public string? HelpPhone { get; init; }
    public DateTime? LastUpdated { get; init; }
}

public enum ParkingType
{
    ALONG_MOTORWAY,
    PARKING_GARAGE,
    PARKING_LOT,
    ON_DRIVEWAY,
    ON_STREET,
    UNDERGROUND_GARAGE,
}

public enum Facility
{
    HOTEL,
    RESTAURANT,
    CAFE,
    MALL,
    SUPERMARKET,
    SPORT,
    RECREATION_AREA,
    NATURE,
    MUSEUM,
    BIKE_SHARING,
    BUS_STOP,
    TAXI_STAND,
    TRAM_STOP,
    METRO_STATION,
    TRAIN_STATION,
    AIRPORT,
    PARKING_LOT,
    CARPOOL_PARKING,
    FUEL_STATION,
    WIFI,
}
