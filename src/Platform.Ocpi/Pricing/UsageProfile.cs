using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Pricing;

/// <summary>
/// A planned session for a price estimate: charging for <see cref="ChargingMinutes"/> at an even rate until
/// <see cref="EnergyKwh"/> is in, then <see cref="ParkingMinutes"/> parked; <see cref="MaxPowerKw"/> (else the
/// average power) is what power restrictions see.
/// </summary>
public sealed record UsageProfile(DateTime Start, decimal EnergyKwh, decimal ChargingMinutes, decimal ParkingMinutes, decimal? MaxPowerKw,
    bool ReservationOnly = false)
{
    /// <summary>
    /// The periods a CPO would report for this session under <paramref name="tariff"/>: a new period at every moment a
    /// restriction can switch (local times of day, midnight, start/end dates, duration and kWh thresholds) and where
    /// charging turns into parking, so that each period is priced by the elements that hold in it.
    /// </summary>
    public IReadOnlyList<UsagePeriod> Periods(Tariff tariff, TimeZoneInfo zone)
    {
        var chargingEnd = Start.AddMinutes((double)Math.Max(0, ChargingMinutes));
        var end = chargingEnd.AddMinutes((double)Math.Max(0, ParkingMinutes));
        var chargingHours = Math.Max(0, ChargingMinutes) / 60m;
        var rate = chargingHours > 0 ? Math.Max(0, EnergyKwh) / chargingHours : 0; // kWh per hour
        var power = MaxPowerKw ?? (rate > 0 ? rate : null);

        var cuts = new SortedSet<DateTime> { Start, chargingEnd, end };
        foreach (var r in (tariff.Elements ?? []).Select(e => e.Restrictions).OfType<TariffRestrictions>())
        {
            foreach (var seconds in new[] { r.MinDuration, r.MaxDuration }.OfType<int>()) cuts.Add(Start.AddSeconds(seconds));
            foreach (var kwh in new[] { r.MinKwh, r.MaxKwh }.OfType<decimal>())
                if (rate > 0) cuts.Add(Start.AddHours((double)(kwh / rate)));
            foreach (var hhmm in new[] { r.StartTime, r.EndTime })
                if (RestrictionCheck.Parse(hhmm) is { } time) AddDaily(cuts, zone, time);
            foreach (var day in new[] { r.StartDate, r.EndDate })
                if (RestrictionCheck.ParseDate(day) is { } date) AddLocal(cuts, zone, date.ToDateTime(TimeOnly.MinValue));
            if (r.DayOfWeek is { Count: > 0 }) AddDaily(cuts, zone, TimeSpan.Zero);
        }

        var points = cuts.Where(t => t >= Start && t <= end).ToList();
        var periods = new List<UsagePeriod>();
        for (var i = 0; i + 1 < points.Count; i++)
        {
            var (from, until) = (points[i], points[i + 1]);
            var hours = (decimal)(until - from).TotalHours;
            var charging = from < chargingEnd && !ReservationOnly;
            periods.Add(new UsagePeriod
            {
                Start = from, End = until,
                EnergyKwh = charging ? rate * hours : 0,
                ChargingHours = charging ? hours : 0,
                ParkingHours = !charging && !ReservationOnly ? hours : 0,
                ReservationHours = ReservationOnly ? hours : 0,
                PowerKw = charging ? power : 0, Tariff = tariff,
            });
        }
        // A session of no length still takes its flat fee.
        if (periods.Count == 0) periods.Add(new UsagePeriod { Start = Start, End = Start, PowerKw = power, Tariff = tariff });
        return periods;
    }

    private void AddDaily(SortedSet<DateTime> cuts, TimeZoneInfo zone, TimeSpan timeOfDay)
    {
        var firstDay = TimeZoneInfo.ConvertTimeFromUtc(Start, zone).Date.AddDays(-1);
        var days = (int)Math.Ceiling((double)(ChargingMinutes + ParkingMinutes) / (24 * 60)) + 2;
        for (var d = 0; d <= days; d++) AddLocal(cuts, zone, firstDay.AddDays(d) + timeOfDay);
    }

    private static void AddLocal(SortedSet<DateTime> cuts, TimeZoneInfo zone, DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified)) return; // skipped by a DST change: no moment to cut at
        cuts.Add(TimeZoneInfo.ConvertTimeToUtc(unspecified, zone));
    }
}
