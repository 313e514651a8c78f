using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.Locations;

/// <summary>2.2.1 mod_locations §EVSE object (C# name <c>Evse</c>). Removed by status REMOVED, never deleted.</summary>
public sealed record Evse
{
    public string? Uid { get; init; }
    public string? EvseId { get; init; }
    public Status? Status { get; init; }
    public IReadOnlyList<StatusSchedule>? StatusSchedule { get; init; }
    public IReadOnlyList<Capability>? Capabilities { get; init; }
    public IReadOnlyList<Connector>? Connectors { get; init; }
    public string? FloorLevel { get; init; }
    public GeoLocation? Coordinates { get; init; }
    public string? PhysicalReference { get; init; }
    public IReadOnlyList<DisplayText>? Directions { get; init; }
    public IReadOnlyList<ParkingRestriction>? ParkingRestrictions { get; init; }
    public IReadOnlyList<Image>? Images { get; init; }
    /// <summary>2.3.0 (AFIR) EVSEParking references, kept as sent and served to 2.3.0 peers only.</summary>
    public System.Text.Json.Nodes.JsonArray? Parking { get; init; }
    /// <summary>2.3.0 (AFIR), served to 2.3.0 peers only.</summary>
    public IReadOnlyList<string>? AcceptedServiceProviders { get; init; }
    public DateTime? LastUpdated { get; init; }
}

/// <summary>2.2.1 mod_locations §Status: the EVSE status.</summary>
public enum Status
{
    AVAILABLE,
    BLOCKED,
    CHARGING,
    INOPERATIVE,
    OUTOFORDER,
    PLANNED,
    REMOVED,
    RESERVED,
    UNKNOWN,
}

public enum Capability
{
    CHARGING_PROFILE_CAPABLE,
    CHARGING_PREFERENCES_CAPABLE,
    CHIP_CARD_SUPPORT,
    CONTACTLESS_CARD_SUPPORT,
    CREDIT_CARD_PAYABLE,
    DEBIT_CARD_PAYABLE,
    PED_TERMINAL,
    REMOTE_START_STOP_CAPABLE,
    RESERVABLE,
    RFID_READER,
    START_SESSION_CONNECTOR_REQUIRED,
    TOKEN_GROUP_CAPABLE,
    UNLOCK_CAPABLE,
}

public enum ParkingRestriction
{
    EV_ONLY,
    PLUGGED,
    DISABLED,
    CUSTOMERS,
    MOTORCYCLES,
}

/// <summary>2.2.1 mod_locations §StatusSchedule: planned statuses, informational only.</summary>
public sealed record StatusSchedule
{
    public DateTime? PeriodBegin { get; init; }
    public DateTime? PeriodEnd { get; init; }
    public Status? Status { get; init; }
}
