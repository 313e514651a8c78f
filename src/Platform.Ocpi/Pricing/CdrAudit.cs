using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Pricing;

public enum AuditResult
{
    match,
    mismatch,
    unverifiable,
}

/// <summary>One amount the CPO charged that differs from what its tariff gives by more than the tolerance.</summary>
public sealed record AuditDifference(string Field, decimal? Expected, decimal? Charged, decimal? Difference);

/// <summary>
/// The outcome of checking a CDR against the tariff that applied: <see cref="Expected"/> and <see cref="Charged"/>
/// hold the CDR's cost fields (total_cost, total_energy_cost, …) as the tariff gives them and as the CPO sent them.
/// </summary>
public sealed record AuditReport
{
    public required AuditResult Result { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyDictionary<string, Price>? Expected { get; init; }
    public IReadOnlyDictionary<string, Price>? Charged { get; init; }
    public IReadOnlyList<AuditDifference> Differences { get; init; } = [];
    public IReadOnlyList<CostLine>? Explanation { get; init; }

    public static AuditReport Unverifiable(string reason, Cdr cdr) =>
        new() { Result = AuditResult.unverifiable, Reason = reason, Charged = CdrAudit.CostFields(cdr) };
}

/// <summary>
/// Compares what a CPO charged in a CDR with what its tariff gives. The total (excl. VAT, and incl. VAT when the CDR
/// states it) decides; the per-dimension costs the CDR carries are compared too and count unless min_price or
/// max_price bounded the total (how a CPO spreads a bounded total over the dimensions is its own choice). A credit
/// CDR carries the total negated (2.2.1 mod_cdrs §Credit CDRs).
/// </summary>
public static class CdrAudit
{
    public static AuditReport Compare(Cdr cdr, CostBreakdown expected, decimal tolerance)
    {
        if (expected.Currency is { } currency && cdr.Currency is { } charged && !string.Equals(currency, charged, StringComparison.OrdinalIgnoreCase))
            return AuditReport.Unverifiable($"the CDR is in {charged}, its tariff in {currency}", cdr);
        var sign = cdr.Credit == true ? -1 : 1;
        var expectedFields = new Dictionary<string, Price>
        {
            ["total_cost"] = new() { ExclVat = sign * expected.Total.ExclVat, InclVat = sign * expected.Total.InclVat },
        };
        foreach (var (field, bucket) in Buckets)
            if (expected.Used.Contains(bucket)) expectedFields[field] = expected.Of(bucket);
        var chargedFields = CostFields(cdr);

        var differences = new List<AuditDifference>();
        foreach (var (field, price) in chargedFields)
        {
            var total = field == "total_cost";
            if (!total && expected.Limit is not null) continue;
            var wanted = expectedFields.GetValueOrDefault(field) ?? new Price { ExclVat = 0, InclVat = 0 };
            Check(differences, field + ".excl_vat", wanted.ExclVat, price.ExclVat, tolerance, required: total);
            Check(differences, field + ".incl_vat", wanted.InclVat, price.InclVat, tolerance, required: false);
        }
        return new AuditReport
        {
            Result = differences.Count == 0 ? AuditResult.match : AuditResult.mismatch,
            Reason = differences.Count == 0 ? null
                : $"the CDR charges {chargedFields.GetValueOrDefault("total_cost")?.ExclVat} excl. VAT; the tariff gives {expectedFields["total_cost"].ExclVat}",
            Expected = expectedFields, Charged = chargedFields, Differences = differences, Explanation = expected.Lines,
        };
    }

    private static readonly (string Field, CostBucket Bucket)[] Buckets =
    [
        ("total_fixed_cost", CostBucket.Fixed), ("total_energy_cost", CostBucket.Energy), ("total_time_cost", CostBucket.Time),
        ("total_parking_cost", CostBucket.Parking), ("total_reservation_cost", CostBucket.Reservation),
    ];

    public static Dictionary<string, Price> CostFields(Cdr cdr)
    {
        var fields = new Dictionary<string, Price>();
        void Put(string name, Price? price) { if (price is not null) fields[name] = price; }
        Put("total_cost", cdr.TotalCost);
        Put("total_fixed_cost", cdr.TotalFixedCost);
        Put("total_energy_cost", cdr.TotalEnergyCost);
        Put("total_time_cost", cdr.TotalTimeCost);
        Put("total_parking_cost", cdr.TotalParkingCost);
        Put("total_reservation_cost", cdr.TotalReservationCost);
        return fields;
    }

    private static void Check(List<AuditDifference> differences, string field, decimal? expected, decimal? charged, decimal tolerance, bool required)
    {
        if (charged is null && !required) return;
        var difference = (charged ?? 0) - (expected ?? 0);
        if (Math.Abs(difference) > tolerance) differences.Add(new AuditDifference(field, expected, charged, difference));
    }
}
