using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Pricing;

/// <summary>
/// One stretch of a session as the cost engine prices it: what was used in it and the tariff that applies
/// (null: no tariff, so it costs nothing). Restrictions are evaluated at <see cref="Start"/>, as a CPO starts a
/// new charging period whenever another element becomes active (2.2.1 mod_cdrs §CDR object).
/// </summary>
public sealed record UsagePeriod
{
    public required DateTime Start { get; init; }
    public required DateTime End { get; init; }
    public decimal EnergyKwh { get; init; }
    public decimal ChargingHours { get; init; }
    public decimal ParkingHours { get; init; }
    public decimal ReservationHours { get; init; }
    /// <summary>The power the min_power/max_power restrictions compare; null: unknown.</summary>
    public decimal? PowerKw { get; init; }
    /// <summary>The current (sum over phases) the min_current/max_current restrictions compare; null: unknown.</summary>
    public decimal? CurrentA { get; init; }
    public Tariff? Tariff { get; init; }

    public bool IsReservation => ReservationHours > 0 && EnergyKwh == 0 && ChargingHours == 0 && ParkingHours == 0;
}

/// <summary>What the engine prices: the periods in time order and the time zone of the location (restrictions are local).</summary>
public sealed record PricingInput
{
    public required IReadOnlyList<UsagePeriod> Periods { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>An expired reservation is priced with RESERVATION_EXPIRES elements first (2.2.1 mod_tariffs §ReservationRestrictionType).</summary>
    public bool ReservationExpired { get; init; }
}
