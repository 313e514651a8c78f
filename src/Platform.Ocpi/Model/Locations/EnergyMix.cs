namespace Platform.Ocpi.Model.Locations;

/// <summary>2.2.1 mod_locations §EnergyMix (also used by Tariff).</summary>
public sealed record EnergyMix
{
    public bool? IsGreenEnergy { get; init; }
    public IReadOnlyList<EnergySource>? EnergySources { get; init; }
    public IReadOnlyList<EnvironmentalImpact>? EnvironImpact { get; init; }
    public string? SupplierName { get; init; }
    public string? EnergyProductName { get; init; }
}

public sealed record EnergySource
{
    public EnergySourceCategory? Source { get; init; }
    public decimal? Percentage { get; init; }
}

public sealed record EnvironmentalImpact
{
    public EnvironmentalImpactCategory? Category { get; init; }
    /// <summary>g/kWh.</summary>
    public decimal? Amount { get; init; }
}

public enum EnergySourceCategory
{
    NUCLEAR,
    GENERAL_FOSSIL,
    COAL,
    GAS,
    GENERAL_GREEN,
    SOLAR,
    WIND,
    WATER,
}

public enum EnvironmentalImpactCategory
{
    NUCLEAR_WASTE,
    CARBON_DIOXIDE,
}
