using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Pricing;

/// <summary>Where a cost is booked: the CDR's total_*_cost fields.</summary>
public enum CostBucket
{
    /// <summary>FLAT of the session (total_fixed_cost: a start fee; not the reservation's FLAT).</summary>
    Fixed,
    Energy,
    Time,
    Parking,
    /// <summary>TIME and FLAT of elements with a reservation restriction.</summary>
    Reservation,
}

/// <summary>
/// One priced piece and why: which tariff, element (0-based, in list order) and price component applied to which
/// period, the volume billed (kWh, hours, or 1 for FLAT) and what it cost. Amounts are exact (not rounded).
/// </summary>
public sealed record CostLine(
    DateTime PeriodStart,
    string? TariffId,
    int Element,
    TariffDimensionType Dimension,
    CostBucket Bucket,
    decimal Volume,
    string Unit,
    decimal UnitPrice,
    decimal? Vat,
    decimal ExclVat,
    decimal InclVat,
    string Note);

/// <summary>
/// What a session costs under its tariff(s). The per-bucket and total amounts are rounded to the currency's minor
/// unit (see <see cref="Money"/>) from the exact sums of the lines; <see cref="Total"/> has min_price/max_price
/// applied, the buckets do not (<see cref="Limit"/> says which bound changed the total).
/// </summary>
public sealed record CostBreakdown
{
    public string? Currency { get; init; }
    public required IReadOnlyList<CostLine> Lines { get; init; }
    public required Price Total { get; init; }
    public required Price Fixed { get; init; }
    public required Price Energy { get; init; }
    public required Price Time { get; init; }
    public required Price Parking { get; init; }
    public required Price Reservation { get; init; }
    /// <summary>The total before min_price/max_price, rounded.</summary>
    public required Price TotalBeforeLimits { get; init; }
    /// <summary>"min_price" or "max_price" when one of them changed the total excl. or incl. VAT; null otherwise.</summary>
    public string? Limit { get; init; }
    public decimal TotalEnergyKwh { get; init; }
    public decimal TotalChargingHours { get; init; }
    public decimal TotalParkingHours { get; init; }
    public decimal TotalReservationHours { get; init; }
    /// <summary>Buckets at least one line booked to: the CDR cost fields worth sending.</summary>
    public required IReadOnlySet<CostBucket> Used { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    public Price Of(CostBucket bucket) => bucket switch
    {
        CostBucket.Fixed => Fixed,
        CostBucket.Energy => Energy,
        CostBucket.Time => Time,
        CostBucket.Parking => Parking,
        _ => Reservation,
    };
}
