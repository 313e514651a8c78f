using System.Globalization;
using Platform.Ocpi.Model.Tariffs;
using OcpiDay = Platform.Ocpi.Model.Tariffs.DayOfWeek;

namespace Platform.Ocpi.Pricing;

/// <summary>The state of a session at the start of a period, as tariff restrictions see it.</summary>
public sealed record RestrictionState(DateTime LocalStart, decimal EnergyBeforeKwh, decimal ElapsedSeconds, decimal? PowerKw, decimal? CurrentA);

/// <summary>
/// 2.2.1 mod_tariffs §TariffRestrictions: every field that is set must hold (AND). Times and dates are local;
/// minimums inclusive, maximums exclusive; an end_time before the start_time wraps past midnight and 00:00 as
/// end_time is the end of the day. A restriction on power or current that cannot be evaluated (unknown value)
/// does not hold, so an element never applies on a guess.
/// </summary>
public static class RestrictionCheck
{
    public static bool Holds(TariffRestrictions? r, RestrictionState s)
    {
        if (r is null) return true;
        var time = s.LocalStart.TimeOfDay;
        if (!InWindow(time, Parse(r.StartTime), Parse(r.EndTime))) return false;
        var date = DateOnly.FromDateTime(s.LocalStart);
        if (ParseDate(r.StartDate) is { } from && date < from) return false;
        if (ParseDate(r.EndDate) is { } until && date >= until) return false;
        if (r.MinKwh is { } minKwh && s.EnergyBeforeKwh < minKwh) return false;
        if (r.MaxKwh is { } maxKwh && s.EnergyBeforeKwh >= maxKwh) return false;
        if (r.MinDuration is { } minDuration && s.ElapsedSeconds < minDuration) return false;
        if (r.MaxDuration is { } maxDuration && s.ElapsedSeconds >= maxDuration) return false;
        if (r.MinPower is { } minPower && !(s.PowerKw >= minPower)) return false;
        if (r.MaxPower is { } maxPower && !(s.PowerKw < maxPower)) return false;
        if (r.MinCurrent is { } minCurrent && !(s.CurrentA >= minCurrent)) return false;
        if (r.MaxCurrent is { } maxCurrent && !(s.CurrentA < maxCurrent)) return false;
        if (r.DayOfWeek is { Count: > 0 } days && !days.Contains(Day(s.LocalStart.DayOfWeek))) return false;
        return true;
    }

    /// <summary>[start, end) in local time of day; end before start wraps past midnight; 00:00 as end means 24:00.</summary>
    public static bool InWindow(TimeSpan time, TimeSpan? start, TimeSpan? end)
    {
        var from = start ?? TimeSpan.Zero;
        var until = end is null || end == TimeSpan.Zero ? TimeSpan.FromHours(24) : end.Value;
        return from < until ? time >= from && time < until : time >= from || time < until;
    }

    public static TimeSpan? Parse(string? hhmm) =>
        hhmm is not null && TimeSpan.TryParseExact(hhmm, @"hh\:mm", CultureInfo.InvariantCulture, out var t) ? t : null;

    public static DateOnly? ParseDate(string? date) =>
        date is not null && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static OcpiDay Day(System.DayOfWeek day) => day switch
    {
        System.DayOfWeek.Monday => OcpiDay.MONDAY,
        System.DayOfWeek.Tuesday => OcpiDay.TUESDAY,
        System.DayOfWeek.Wednesday => OcpiDay.WEDNESDAY,
        System.DayOfWeek.Thursday => OcpiDay.THURSDAY,
        System.DayOfWeek.Friday => OcpiDay.FRIDAY,
        System.DayOfWeek.Saturday => OcpiDay.SATURDAY,
        _ => OcpiDay.SUNDAY,
    };
}
