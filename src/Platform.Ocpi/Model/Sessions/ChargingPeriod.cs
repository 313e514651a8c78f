namespace Platform.Ocpi.Model.Sessions;

/// <summary>
/// 2.2.1 mod_cdrs §ChargingPeriod, shared by Session and CDR. A period lasts until the next one starts.
/// Periods may share a tariff ([errata] removed "each period has a different tariff", digest §7.14).
/// </summary>
public sealed record ChargingPeriod
{
    public DateTime? StartDateTime { get; init; }
    public IReadOnlyList<CdrDimension>? Dimensions { get; init; }
    public string? TariffId { get; init; }
}

/// <summary>2.2.1 mod_cdrs §CdrDimension.</summary>
public sealed record CdrDimension
{
    public CdrDimensionType? Type { get; init; }
    public decimal? Volume { get; init; }
}

/// <summary>2.2.1 mod_cdrs §CdrDimensionType. CURRENT, ENERGY_EXPORT, ENERGY_IMPORT, POWER, STATE_OF_CHARGE are Session-only.</summary>
public enum CdrDimensionType
{
    CURRENT,
    ENERGY,
    ENERGY_EXPORT,
    ENERGY_IMPORT,
    MAX_CURRENT,
    MIN_CURRENT,
    MAX_POWER,
    MIN_POWER,
    PARKING_TIME,
    POWER,
    RESERVATION_TIME,
    STATE_OF_CHARGE,
    TIME,
}
