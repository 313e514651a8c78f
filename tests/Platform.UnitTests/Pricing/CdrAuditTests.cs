using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Pricing;
using static Platform.UnitTests.Pricing.Usage;

namespace Platform.UnitTests.Pricing;

/// <summary>The audit's comparison and its choice of the tariff version that applied.</summary>
public sealed class CdrAuditTests
{
    private static readonly Tariff V1 = Example("tariff_8_simple_025kwh.json") with { Id = "T", LastUpdated = At("2024-01-01T00:00") };
    private static readonly Tariff V2 = V1 with { LastUpdated = At("2024-02-01T00:00"), Elements = [new TariffElement { PriceComponents = [new PriceComponent { Type = TariffDimensionType.ENERGY, Price = 0.40m, StepSize = 1 }] }] };

    private static Cdr Cdr(string start, decimal kwh, decimal excl, decimal? incl = null, IReadOnlyList<Tariff>? embedded = null) => new()
    {
        Id = "C1", Currency = "EUR", StartDateTime = At(start), EndDateTime = At(start).AddHours(1), Tariffs = embedded,
        ChargingPeriods = [new ChargingPeriod { StartDateTime = At(start), TariffId = "T", Dimensions = [new CdrDimension { Type = CdrDimensionType.ENERGY, Volume = kwh }] }],
        TotalCost = new Price { ExclVat = excl, InclVat = incl },
    };

    private static AuditReport Audit(Cdr cdr, Tariff tariff, decimal tolerance = 0.01m) =>
        CdrAudit.Compare(cdr, CdrPricing.Price(cdr, [tariff], TimeZoneInfo.Utc), tolerance);

    [Fact]
    public void Within_the_tolerance_is_a_match_beyond_it_a_mismatch_with_the_difference()
    {
        Assert.Equal(AuditResult.match, Audit(Cdr("2024-01-10T10:00", 10, 2.51m, 2.75m), V1).Result);
        var over = Audit(Cdr("2024-01-10T10:00", 10, 2.75m, 3.03m), V1);
        Assert.Equal(AuditResult.mismatch, over.Result);
        Assert.Contains(over.Differences, d => d is { Field: "total_cost.excl_vat", Expected: 2.50m, Charged: 2.75m, Difference: 0.25m });
        Assert.Contains(over.Differences, d => d is { Field: "total_cost.incl_vat", Expected: 2.75m, Charged: 3.03m });
        Assert.Equal(AuditResult.match, Audit(Cdr("2024-01-10T10:00", 10, 2.75m), V1, tolerance: 0.25m).Result);
    }

    [Fact]
    public void A_credit_cdr_carries_the_total_negated()
    {
        var credit = Cdr("2024-01-10T10:00", 10, -2.50m, -2.75m) with { Credit = true, CreditReferenceId = "C0" };
        Assert.Equal(AuditResult.match, Audit(credit, V1).Result);
    }

    [Fact]
    public void Another_currency_is_unverifiable()
    {
        var report = Audit(Cdr("2024-01-10T10:00", 10, 2.50m) with { Currency = "USD" }, V1);
        Assert.Equal(AuditResult.unverifiable, report.Result);
        Assert.Contains("USD", report.Reason);
    }

    [Fact]
    public void The_version_last_updated_before_the_session_applies_not_the_current_one()
    {
        Assert.Same(V1, TariffVersions.Choose("T", Cdr("2024-01-10T10:00", 10, 2.5m), [V1, V2]).Tariff);
        Assert.Same(V2, TariffVersions.Choose("T", Cdr("2024-02-10T10:00", 10, 2.5m), [V1, V2]).Tariff);
        var before = TariffVersions.Choose("t", Cdr("2023-12-10T10:00", 10, 2.5m), [V1, V2]);
        Assert.Null(before.Tariff);
        Assert.Contains("changed after the session", before.Reason);
    }

    [Fact]
    public void An_embedded_tariff_names_the_version_and_one_never_received_is_unverifiable()
    {
        // The CDR embeds V1 although it started after V2: the CPO says V1 applied, and we did receive V1.
        Assert.Same(V1, TariffVersions.Choose("T", Cdr("2024-02-10T10:00", 10, 2.5m, embedded: [V1 with { Elements = [] }]), [V1, V2]).Tariff);
        var unknown = TariffVersions.Choose("T", Cdr("2024-02-10T10:00", 10, 2.5m, embedded: [V1 with { LastUpdated = At("2024-01-15T00:00") }]), [V1, V2]);
        Assert.Null(unknown.Tariff);
        Assert.Contains("never sent us", unknown.Reason);
        Assert.Contains("unknown", TariffVersions.Choose("X", Cdr("2024-02-10T10:00", 10, 2.5m), [V1, V2]).Reason);
    }

    [Fact]
    public void A_tariff_in_force_is_within_its_dates_and_not_ad_hoc()
    {
        Assert.Same(V1, TariffChoice.InForce([V1, V2], At("2024-01-10T10:00")));
        Assert.Null(TariffChoice.InForce([V1 with { EndDateTime = At("2024-01-05T00:00") }], At("2024-01-10T10:00")));
        Assert.Null(TariffChoice.InForce([V1 with { StartDateTime = At("2024-01-15T00:00") }], At("2024-01-10T10:00")));
        Assert.Null(TariffChoice.InForce([V1 with { Type = TariffType.AD_HOC_PAYMENT }], At("2024-01-10T10:00")));
    }
}
