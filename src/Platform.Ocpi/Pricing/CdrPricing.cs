using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Pricing;

/// <summary>Prices a CDR from its charging periods, and writes the result into the CDR's cost fields.</summary>
public static class CdrPricing
{
    /// <summary>
    /// What the CDR should cost under <paramref name="tariffs"/>: each period by the tariff its <c>tariff_id</c> names;
    /// a period naming none is priced by the only tariff when there is exactly one (CDRs often name it only in
    /// <c>tariffs</c>). A CDR whose periods are all reservation time is an expired reservation.
    /// </summary>
    public static CostBreakdown Price(Cdr cdr, IReadOnlyList<Tariff> tariffs, TimeZoneInfo zone)
    {
        Tariff? Of(string? id) => id is null ? (tariffs.Count == 1 ? tariffs[0] : null) : tariffs.FirstOrDefault(t => CiString.Equal(t.Id, id));
        var periods = ChargingPeriodUsage.Read(cdr.ChargingPeriods ?? [], cdr.EndDateTime ?? cdr.StartDateTime ?? default, Of);
        return TariffCalculator.Price(new PricingInput
        {
            Periods = periods, TimeZone = zone,
            ReservationExpired = periods.Count > 0 && periods.All(p => p.IsReservation),
        });
    }

    /// <summary>The CDR with the costs, totals and tariffs of <paramref name="cost"/>; cost fields only for what the tariff prices.</summary>
    public static Cdr Apply(Cdr cdr, CostBreakdown cost, IReadOnlyList<Tariff> tariffs)
    {
        Model.Common.Price? If(CostBucket bucket) => cost.Used.Contains(bucket) ? cost.Of(bucket) : null;
        return cdr with
        {
            Currency = cost.Currency ?? cdr.Currency,
            Tariffs = tariffs,
            TotalCost = cost.Total,
            TotalFixedCost = If(CostBucket.Fixed),
            TotalEnergyCost = If(CostBucket.Energy),
            TotalTimeCost = If(CostBucket.Time),
            TotalParkingCost = If(CostBucket.Parking),
            TotalReservationCost = If(CostBucket.Reservation),
            TotalEnergy = Math.Round(cost.TotalEnergyKwh, 3),
            TotalTime = Math.Round(cost.TotalChargingHours + cost.TotalParkingHours, 4),
            TotalParkingTime = cost.TotalParkingHours > 0 ? Math.Round(cost.TotalParkingHours, 4) : cdr.TotalParkingTime,
        };
    }

    /// <summary>The periods with <paramref name="tariffId"/> set where they name none.</summary>
    public static IReadOnlyList<ChargingPeriod> WithTariff(IReadOnlyList<ChargingPeriod> periods, string tariffId) =>
        periods.Select(p => p.TariffId is null ? p with { TariffId = tariffId } : p).ToList();
}
