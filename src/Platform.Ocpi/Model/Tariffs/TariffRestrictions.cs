namespace Platform.Ocpi.Model.Tariffs;

/// <summary>
/// 2.2.1 mod_tariffs §TariffRestrictions: all set fields must hold (AND). Times and dates are local to the
/// Location's time zone; minimums are inclusive, maximums exclusive.
/// </summary>
public sealed record TariffRestrictions
{
    public string? StartTime { get; init; }
    public string? EndTime { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
    public decimal? MinKwh { get; init; }
    public decimal? MaxKwh { get; init; }
    public decimal? MinCurrent { get; init; }
    public decimal? MaxCurrent { get; init; }
    public decimal? MinPower { get; init; }
    public decimal? MaxPower { get; init; }
    public int? MinDuration { get; init; }
    public int? MaxDuration { get; init; }
    public IReadOnlyList<DayOfWeek>? DayOfWeek { get; init; }
    public ReservationRestrictionType? Reservation { get; init; }
}

/// <summary>2.2.1 mod_tariffs §DayOfWeek (not System.DayOfWeek: the wire strings are upper case).</summary>
public enum DayOfWeek
{
    MONDAY,
    TUESDAY,
    WEDNESDAY,
    THURSDAY,
    FRIDAY,
    SATURDAY,
    SUNDAY,
}

public enum ReservationRestrictionType
{
    RESERVATION,
    RESERVATION_EXPIRES,
}
