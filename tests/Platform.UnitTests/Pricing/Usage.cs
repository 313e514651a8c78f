using System.Globalization;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Pricing;
using Platform.UnitTests.Wire;

namespace Platform.UnitTests.Pricing;

/// <summary>Sessions written the way a CPO reports them: one period per stretch, split where a price can change.</summary>
internal static class Usage
{
    public static Tariff Example(string file) => OcpiJson.Deserialize<Tariff>(Examples.Text(file))!;

    public static Tariff Parse(string json) => OcpiJson.Deserialize<Tariff>(json)!;

    public static DateTime At(string local) => DateTime.SpecifyKind(DateTime.Parse(local, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    public static UsagePeriod Charging(Tariff tariff, string start, double minutes, decimal kwh = 0, decimal? powerKw = null, decimal? currentA = null) =>
        new()
        {
            Start = At(start), End = At(start).AddMinutes(minutes), EnergyKwh = kwh, ChargingHours = (decimal)minutes / 60m,
            PowerKw = powerKw, CurrentA = currentA, Tariff = tariff,
        };

    public static UsagePeriod Parking(Tariff tariff, string start, double minutes) =>
        new() { Start = At(start), End = At(start).AddMinutes(minutes), ParkingHours = (decimal)minutes / 60m, PowerKw = 0, CurrentA = 0, Tariff = tariff };

    public static UsagePeriod Reservation(Tariff tariff, string start, double minutes) =>
        new() { Start = At(start), End = At(start).AddMinutes(minutes), ReservationHours = (decimal)minutes / 60m, Tariff = tariff };

    public static CostBreakdown Price(params UsagePeriod[] periods) => TariffCalculator.Price(new PricingInput { Periods = periods });

    public static CostBreakdown Price(TimeZoneInfo zone, params UsagePeriod[] periods) =>
        TariffCalculator.Price(new PricingInput { Periods = periods, TimeZone = zone });

    public static CostBreakdown Expired(params UsagePeriod[] periods) =>
        TariffCalculator.Price(new PricingInput { Periods = periods, ReservationExpired = true });

    public static void Costs(decimal excl, decimal? incl, CostBreakdown cost)
    {
        var why = string.Join("\n", cost.Lines.Select(l => $"{l.Dimension} {l.Volume} {l.Unit} x {l.UnitPrice} = {l.ExclVat} ({l.Note})"));
        Assert.True(excl == cost.Total.ExclVat, $"excl. VAT: expected {excl}, got {cost.Total.ExclVat}\n{why}");
        if (incl is not null) Assert.True(incl == cost.Total.InclVat, $"incl. VAT: expected {incl}, got {cost.Total.InclVat}\n{why}");
    }
}
