using Platform.Ocpi.Pricing;
using static Platform.UnitTests.Pricing.Usage;

namespace Platform.UnitTests.Pricing;

/// <summary>Hand-computed cases, one per rule of the engine (digest §4.3, §4.4, F2–F4).</summary>
public sealed class TariffRuleTests
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly Ocpi.Model.Tariffs.Tariff Overnight = Parse("""
        {"country_code":"NL","party_id":"CPO","id":"NIGHT","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
          {"price_components":[{"type":"ENERGY","price":0.10,"step_size":1}],"restrictions":{"start_time":"22:00","end_time":"06:00"}},
          {"price_components":[{"type":"ENERGY","price":0.30,"step_size":1}]}]}
        """);

    [Theory]
    [InlineData("2024-01-01T23:00", 1.00)]
    [InlineData("2024-01-02T05:59", 1.00)]
    [InlineData("2024-01-02T06:00", 3.00)]
    [InlineData("2024-01-01T21:59", 3.00)]
    [InlineData("2024-01-01T22:00", 1.00)]
    public void A_window_whose_end_is_before_its_start_wraps_past_midnight(string start, decimal cost) =>
        Costs(cost, null, Price(Charging(Overnight, start, 1, kwh: 10)));

    [Fact]
    public void Windows_are_local_to_the_location()
    {
        // 21:30 UTC is 22:30 in Amsterdam in winter, inside the night window; in UTC it is not.
        Costs(1.00m, null, Price(Amsterdam, Charging(Overnight, "2024-01-01T21:30", 1, kwh: 10)));
        Costs(3.00m, null, Price(Charging(Overnight, "2024-01-01T21:30", 1, kwh: 10)));
    }

    [Fact]
    public void Day_of_week_is_the_local_day_and_combines_with_the_window()
    {
        var weekendEvenings = Parse("""
            {"id":"WE","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"TIME","price":1.00,"step_size":1}],"restrictions":{"day_of_week":["SATURDAY","SUNDAY"],"start_time":"18:00"}},
              {"price_components":[{"type":"TIME","price":4.00,"step_size":1}]}]}
            """);
        Costs(1.00m, null, Price(Charging(weekendEvenings, "2024-01-06T19:00", 60)));            // Saturday evening
        Costs(4.00m, null, Price(Charging(weekendEvenings, "2024-01-06T12:00", 60)));            // Saturday, before 18:00
        Costs(4.00m, null, Price(Charging(weekendEvenings, "2024-01-05T19:00", 60)));            // Friday evening
        var saturdays = Parse("""
            {"id":"SAT","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"TIME","price":1.00,"step_size":1}],"restrictions":{"day_of_week":["SATURDAY"]}},
              {"price_components":[{"type":"TIME","price":4.00,"step_size":1}]}]}
            """);
        // Friday 23:30 UTC is Saturday 00:30 in Amsterdam.
        Costs(1.00m, null, Price(Amsterdam, Charging(saturdays, "2024-01-05T23:30", 60)));
        Costs(4.00m, null, Price(Charging(saturdays, "2024-01-05T23:30", 60)));
    }

    [Fact]
    public void Min_kwh_is_inclusive_and_max_kwh_exclusive_on_the_energy_before_the_period()
    {
        var volume = Parse("""
            {"id":"VOL","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"ENERGY","price":0.20,"step_size":1}],"restrictions":{"max_kwh":10}},
              {"price_components":[{"type":"ENERGY","price":0.50,"step_size":1}],"restrictions":{"min_kwh":10,"max_kwh":20}},
              {"price_components":[{"type":"ENERGY","price":0.10,"step_size":1}]}]}
            """);
        // 10 kWh at 0.20, then from exactly 10 kWh: 10 at 0.50, then from 20 kWh: 5 at 0.10.
        Costs(7.50m, null, Price(
            Charging(volume, "2024-01-01T10:00", 60, kwh: 10),
            Charging(volume, "2024-01-01T11:00", 60, kwh: 10),
            Charging(volume, "2024-01-01T12:00", 30, kwh: 5)));
    }

    [Fact]
    public void Min_duration_is_inclusive_and_max_duration_exclusive_on_the_time_since_the_session_started()
    {
        var duration = Parse("""
            {"id":"DUR","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"TIME","price":6.00,"step_size":1}],"restrictions":{"min_duration":3600}},
              {"price_components":[{"type":"TIME","price":0.00,"step_size":1}],"restrictions":{"max_duration":3600}}]}
            """);
        // The first hour free, the second at 6.00/h: the period starting at 3600 s is the first priced one.
        Costs(6.00m, null, Price(Charging(duration, "2024-01-01T10:00", 60), Charging(duration, "2024-01-01T11:00", 60)));
    }

    [Fact]
    public void Step_size_on_energy_is_applied_once_to_the_session_total_with_the_last_components_step_and_price()
    {
        // mod_cdrs example 1: 4.3 + 1.1 kWh at a step of 500 Wh is 5.5 kWh; the extra 0.1 kWh at the price after 17:00.
        var evening = Parse("""
            {"id":"EVE","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"ENERGY","price":0.20,"step_size":500}],"restrictions":{"end_time":"17:00"}},
              {"price_components":[{"type":"ENERGY","price":0.30,"step_size":500}]}]}
            """);
        Costs(1.22m, null, Price(Charging(evening, "2024-01-01T16:00", 60, kwh: 4.3m), Charging(evening, "2024-01-01T17:00", 20, kwh: 1.1m)));
    }

    [Fact]
    public void Step_size_on_time_is_applied_once_across_elements()
    {
        // mod_cdrs example 2: 6 + 22 minutes at a step of 10 minutes is 30 minutes, of which 24 after 17:00.
        var evening = Parse("""
            {"id":"EVE","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"TIME","price":1.00,"step_size":600}],"restrictions":{"end_time":"17:00"}},
              {"price_components":[{"type":"TIME","price":2.00,"step_size":600}]}]}
            """);
        Costs(0.90m, null, Price(Charging(evening, "2024-01-01T16:54", 6), Charging(evening, "2024-01-01T17:00", 22)));
    }

    [Fact]
    public void Step_size_on_time_and_parking_together_bills_charging_exactly_and_rounds_with_the_parking_step()
    {
        var t = Parse("""
            {"id":"TP","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"TIME","price":1.20,"step_size":60},{"type":"PARKING_TIME","price":2.00,"step_size":600}]}]}
            """);
        // 61 min charging (1.22) + 3 min parking; 64 min → 70 min: 9 min of parking at 2.00/h (0.30).
        Costs(1.52m, null, Price(Charging(t, "2024-01-01T10:00", 61), Parking(t, "2024-01-01T11:01", 3)));
    }

    [Fact]
    public void Min_and_max_price_bound_the_excl_and_incl_vat_totals_independently()
    {
        var t = Parse("""
            {"id":"CAP","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","max_price":{"excl_vat":10.00,"incl_vat":11.50},
             "min_price":{"excl_vat":1.00,"incl_vat":1.30},
             "elements":[{"price_components":[{"type":"ENERGY","price":0.25,"vat":20,"step_size":1}]}]}
            """);
        Costs(9.50m, 11.40m, Price(Charging(t, "2024-01-01T10:00", 60, kwh: 38)));   // under both bounds
        Costs(9.75m, 11.50m, Price(Charging(t, "2024-01-01T10:00", 60, kwh: 39)));   // only incl. VAT reaches its bound
        Costs(10.00m, 11.50m, Price(Charging(t, "2024-01-01T10:00", 60, kwh: 40)));  // both bounded
        Costs(1.05m, 1.30m, Price(Charging(t, "2024-01-01T10:00", 60, kwh: 4.2m))); // 1.05 excl. is above its minimum, 1.26 incl. is not
        Assert.Equal("max_price", Price(Charging(t, "2024-01-01T10:00", 60, kwh: 40)).Limit);
    }

    [Fact]
    public void Vat_is_per_component_and_absent_vat_adds_none()
    {
        var t = Parse("""
            {"id":"VAT","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"FLAT","price":1.00,"vat":21,"step_size":1},{"type":"ENERGY","price":0.50,"step_size":1}]}]}
            """);
        var cost = Price(Charging(t, "2024-01-01T10:00", 60, kwh: 10));
        Costs(6.00m, 6.21m, cost);
        Assert.Equal(5.00m, cost.Energy.InclVat);
        Assert.Equal(1.21m, cost.Fixed.InclVat);
    }

    [Fact]
    public void Each_dimension_takes_the_first_matching_element_of_its_own()
    {
        // The first element has ENERGY only during the day; TIME comes from the second element all the time.
        var t = Parse("""
            {"id":"DIM","currency":"EUR","last_updated":"2024-01-01T00:00:00Z","elements":[
              {"price_components":[{"type":"ENERGY","price":0.40,"step_size":1}],"restrictions":{"start_time":"08:00","end_time":"20:00"}},
              {"price_components":[{"type":"ENERGY","price":0.20,"step_size":1},{"type":"TIME","price":1.00,"step_size":1}]}]}
            """);
        var cost = Price(Charging(t, "2024-01-01T10:00", 60, kwh: 10), Charging(t, "2024-01-01T22:00", 60, kwh: 10));
        Assert.Equal(6.00m, cost.Energy.ExclVat);
        Assert.Equal(2.00m, cost.Time.ExclVat);
        Assert.Equal([0, 1, 1, 1], cost.Lines.Select(l => l.Element));
    }

    [Fact]
    public void A_power_restriction_without_a_known_power_does_not_hold()
    {
        var t = Example("tariffrestriction_example_max_power.json");
        var cost = Price(new UsagePeriod { Start = At("2024-01-01T10:00"), End = At("2024-01-01T10:00"), EnergyKwh = 1, Tariff = t });
        Costs(0.50m, null, cost);
    }

    [Fact]
    public void Rounding_is_half_away_from_zero_to_the_currencys_minor_unit()
    {
        Assert.Equal(0.13m, Money.Round(0.125m, "EUR"));
        Assert.Equal(-0.13m, Money.Round(-0.125m, "EUR"));
        Assert.Equal(13m, Money.Round(12.5m, "JPY"));
        Assert.Equal(1.235m, Money.Round(1.2345m, "KWD"));
    }
}
