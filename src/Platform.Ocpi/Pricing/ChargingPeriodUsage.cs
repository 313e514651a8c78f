using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Pricing;

/// <summary>
/// Reads the charging periods of a CDR or session as the engine's periods. A period ends when the next starts, the
/// last at the session end (2.2.1 mod_cdrs §ChargingPeriod). Charging time is the TIME dimension; a period without
/// TIME, PARKING_TIME or RESERVATION_TIME is charging for its whole length (a CPO whose tariff has no time price
/// often sends only ENERGY). Power is MAX_POWER, else MIN_POWER, else energy over charging time; current is
/// MAX_CURRENT, else MIN_CURRENT.
/// </summary>
public static class ChargingPeriodUsage
{
    /// <param name="tariffOf">The tariff of a period's tariff_id (null id: a period that names none); null: no tariff.</param>
    public static IReadOnlyList<UsagePeriod> Read(IReadOnlyList<ChargingPeriod> periods, DateTime end, Func<string?, Tariff?> tariffOf)
    {
        var ordered = periods.Where(p => p.StartDateTime is not null).OrderBy(p => p.StartDateTime).ToList();
        var result = new List<UsagePeriod>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var period = ordered[i];
            var start = period.StartDateTime!.Value;
            var until = i + 1 < ordered.Count ? ordered[i + 1].StartDateTime!.Value : end;
            if (until < start) until = start;
            decimal? Dim(CdrDimensionType type) => period.Dimensions?.FirstOrDefault(d => d.Type == type)?.Volume;
            var energy = Dim(CdrDimensionType.ENERGY) ?? 0;
            var parking = Dim(CdrDimensionType.PARKING_TIME) ?? 0;
            var reservation = Dim(CdrDimensionType.RESERVATION_TIME) ?? 0;
            var charging = Dim(CdrDimensionType.TIME)
                ?? (Dim(CdrDimensionType.PARKING_TIME) is null && Dim(CdrDimensionType.RESERVATION_TIME) is null ? (decimal)(until - start).TotalHours : 0);
            var power = Dim(CdrDimensionType.MAX_POWER) ?? Dim(CdrDimensionType.MIN_POWER) ?? (charging > 0 && energy > 0 ? energy / charging : null);
            result.Add(new UsagePeriod
            {
                Start = start, End = until, EnergyKwh = energy, ChargingHours = charging, ParkingHours = parking, ReservationHours = reservation,
                PowerKw = power, CurrentA = Dim(CdrDimensionType.MAX_CURRENT) ?? Dim(CdrDimensionType.MIN_CURRENT),
                Tariff = tariffOf(period.TariffId),
            });
        }
        return result;
    }
}
