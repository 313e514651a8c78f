using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Locations;

namespace Platform.Ocpi.Model.Tariffs;

/// <summary>2.2.1 mod_tariffs §Tariff object. Pushed with PUT, removed with DELETE; 2.2.x has no Tariff PATCH.</summary>
public sealed record Tariff
{
    public string? CountryCode { get; init; }
    public string? PartyId { get; init; }
    public string? Id { get; init; }
    public string? Currency { get; init; }
    /// <summary>Absent means the tariff applies to every session.</summary>
    public TariffType? Type { get; init; }
    public IReadOnlyList<DisplayText>? TariffAltText { get; init; }
    public string? TariffAltUrl { get; init; }
    public Price? MinPrice { get; init; }
    public Price? MaxPrice { get; init; }
    public IReadOnlyList<TariffElement>? Elements { get; init; }
    public DateTime? StartDateTime { get; init; }
    public DateTime? EndDateTime { get; init; }
    public EnergyMix? EnergyMix { get; init; }
    /// <summary>2.3.0 TaxIncluded (YES, NO, N/A) as a 2.3.0 peer sent it; 2.2.1 prices exclude VAT, so absent means NO.</summary>
    public string? TaxIncluded { get; init; }
    /// <summary>2.3.0, served to 2.3.0 peers only.</summary>
    public decimal? PreauthorizeAmount { get; init; }
    public DateTime? LastUpdated { get; init; }
}

public enum TariffType
{
    AD_HOC_PAYMENT,
    PROFILE_CHEAP,
    PROFILE_FAST,
    PROFILE_GREEN,
    REGULAR,
}
