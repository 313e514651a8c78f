using CsCheck;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Pricing;
using OcpiDay = Platform.Ocpi.Model.Tariffs.DayOfWeek;

namespace Platform.UnitTests.Pricing;

/// <summary>Properties of the engine over generated tariffs and sessions (CsCheck).</summary>
public sealed class TariffPropertyTests
{
    private static readonly DateTime Base = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Gen<decimal> Money = Gen.Int[0, 500].Select(c => c / 100m);

    private static readonly Gen<PriceComponent> Component =
        Gen.Select(Gen.Enum<TariffDimensionType>(), Money, Gen.OneOf(Gen.Const((decimal?)null), Gen.Int[0, 25].Select(v => (decimal?)v)),
            Gen.Int[0, 4].Select(i => new[] { 1, 60, 300, 500, 900 }[i]),
            (type, price, vat, step) => new PriceComponent { Type = type, Price = price, Vat = vat, StepSize = step });

    private static Gen<TariffRestrictions?> Restrictions(bool withUpperBounds) =>
        Gen.Select(Gen.Int[0, 23], Gen.Int[0, 23], Gen.Int[0, 40], Gen.Int[0, 7200], Gen.Int[0, 6], Gen.Int[0, 9])
            .Select((from, until, kwh, seconds, day, kind) => kind switch
            {
                0 => new TariffRestrictions { StartTime = $"{from:00}:00", EndTime = $"{until:00}:00" },
                1 => new TariffRestrictions { DayOfWeek = [(OcpiDay)day] },
                2 => new TariffRestrictions { MinKwh = kwh },
                3 => new TariffRestrictions { MinDuration = seconds },
                4 => new TariffRestrictions { MinPower = kwh },
                5 when withUpperBounds => new TariffRestrictions { MaxKwh = kwh, MaxDuration = seconds },
                6 when withUpperBounds => new TariffRestrictions { MaxPower = kwh, MaxCurrent = seconds / 100m },
                7 => new TariffRestrictions { Reservation = ReservationRestrictionType.RESERVATION },
                _ => (TariffRestrictions?)null,
            });

    private static Gen<Tariff> Tariffs(bool withUpperBounds) =>
        Gen.Select(Component.Array[1, 3], Restrictions(withUpperBounds), (components, restrictions) => new TariffElement { PriceComponents = components, Restrictions = restrictions })
            .Array[1, 4]
            .Select(Gen.OneOf(Gen.Const((Price?)null), Money.Select(m => (Price?)new Price { ExclVat = m, InclVat = m * 1.2m })),
                (elements, min) => new Tariff { Id = "T", Currency = "EUR", Elements = elements, MinPrice = min, LastUpdated = Base });

    /// <summary>Consecutive periods: minutes from the session start, length, energy, parking or not, power.</summary>
    private static readonly Gen<(int Length, int Wh, bool Parking, int Kw)[]> Shape =
        Gen.Select(Gen.Int[1, 180], Gen.Int[0, 30000], Gen.Bool, Gen.Int[1, 150]).Array[1, 6];

    private static List<UsagePeriod> Periods(Tariff tariff, int startMinute, (int Length, int Wh, bool Parking, int Kw)[] shape)
    {
        var at = Base.AddMinutes(startMinute);
        var periods = new List<UsagePeriod>();
        foreach (var (length, wh, parking, kw) in shape)
        {
            periods.Add(new UsagePeriod
            {
                Start = at, End = at.AddMinutes(length), Tariff = tariff,
                EnergyKwh = parking ? 0 : wh / 1000m, ChargingHours = parking ? 0 : length / 60m, ParkingHours = parking ? length / 60m : 0,
                PowerKw = parking ? 0 : kw, CurrentA = parking ? 0 : kw * 1.5m,
            });
            at = at.AddMinutes(length);
        }
        return periods;
    }

    private static CostBreakdown Price(List<UsagePeriod> periods) => TariffCalculator.Price(new PricingInput { Periods = periods });

    [Fact]
    public void Cost_is_never_negative_when_prices_are_not() =>
        Gen.Select(Tariffs(withUpperBounds: true), Gen.Int[0, 60 * 24 * 7], Shape).Sample((tariff, start, shape) =>
        {
            var cost = Price(Periods(tariff, start, shape));
            return cost.Total.ExclVat >= 0 && cost.Total.InclVat >= cost.Total.ExclVat && cost.Lines.All(l => l.ExclVat >= 0);
        });

    /// <summary>
    /// More energy in the last period never lowers the cost of a tariff without upper bounds (max_kwh, max_power, …).
    /// Growth is added where the session ends: energy added earlier would move later periods past a min_kwh and could
    /// rightly make them cheaper, and a first kWh in a period of another price changes which step applies (F3).
    /// </summary>
    [Fact]
    public void More_energy_at_the_end_never_costs_less() =>
        Gen.Select(Tariffs(withUpperBounds: false), Gen.Int[0, 60 * 24 * 7], Shape, Gen.Int[1, 20000]).Sample((tariff, start, shape, extraWh) =>
        {
            var periods = Periods(tariff, start, shape);
            var last = periods[^1];
            if (last.EnergyKwh == 0) return true;
            var before = Price(periods).Total;
            periods[^1] = last with { EnergyKwh = last.EnergyKwh + extraWh / 1000m };
            return Price(periods).Total.ExclVat >= before.ExclVat;
        });

    /// <summary>
    /// A longer last period never lowers the cost of a tariff without upper bounds. F3 bills the rounded-up remainder of
    /// time and parking at the last component's price, so growing charging time under a dearer parking step could
    /// lower it; the session here grows in the dimension it ends in.
    /// </summary>
    [Fact]
    public void A_longer_session_never_costs_less() =>
        Gen.Select(Tariffs(withUpperBounds: false), Gen.Int[0, 60 * 24 * 7], Shape, Gen.Int[1, 240]).Sample((tariff, start, shape, extraMinutes) =>
        {
            var periods = Periods(tariff, start, shape);
            var before = Price(periods).Total;
            var last = periods[^1];
            var hours = extraMinutes / 60m;
            periods[^1] = last.ParkingHours > 0
                ? last with { End = last.End.AddMinutes(extraMinutes), ParkingHours = last.ParkingHours + hours }
                : last with { End = last.End.AddMinutes(extraMinutes), ChargingHours = last.ChargingHours + hours };
            return Price(periods).Total.ExclVat >= before.ExclVat;
        });
}
