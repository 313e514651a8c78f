namespace Platform.Ocpi.Model.Tariffs;

/// <summary>2.2.1 mod_tariffs §TariffElement: price components that apply while all restrictions hold.</summary>
public sealed record TariffElement
{
    public IReadOnlyList<PriceComponent>? PriceComponents { get; init; }
    public TariffRestrictions? Restrictions { get; init; }
}

/// <summary>2.2.1 mod_tariffs §PriceComponent.</summary>
public sealed record PriceComponent
{
    public TariffDimensionType? Type { get; init; }
    /// <summary>Per unit, excluding VAT.</summary>
    public decimal? Price { get; init; }
    /// <summary>Percentage. Absent means no VAT applies, which differs from 0.</summary>
    public decimal? Vat { get; init; }
    /// <summary>Billing block: Wh for ENERGY, seconds for TIME and PARKING_TIME, no unit for FLAT.</summary>
    public int? StepSize { get; init; }
}

public enum TariffDimensionType
{
    ENERGY,
    FLAT,
    PARKING_TIME,
    TIME,
}
