using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Model.Cdrs;

/// <summary>
/// 2.2.1 mod_cdrs §CDR object. Immutable once sent: corrections are credit CDRs (<c>credit</c> true,
/// <c>credit_reference_id</c> the original id, id up to 39 characters for the usual "-C" suffix).
/// </summary>
public sealed record Cdr
{
    public string? CountryCode { get; init; }
    public string? PartyId { get; init; }
    public string? Id { get; init; }
    public DateTime? StartDateTime { get; init; }
    public DateTime? EndDateTime { get; init; }
    public string? SessionId { get; init; }
    public CdrToken? CdrToken { get; init; }
    public AuthMethod? AuthMethod { get; init; }
    public string? AuthorizationReference { get; init; }
    public CdrLocation? CdrLocation { get; init; }
    public string? MeterId { get; init; }
    public string? Currency { get; init; }
    public IReadOnlyList<Tariff>? Tariffs { get; init; }
    public IReadOnlyList<ChargingPeriod>? ChargingPeriods { get; init; }
    public SignedData? SignedData { get; init; }
    public Price? TotalCost { get; init; }
    public Price? TotalFixedCost { get; init; }
    public decimal? TotalEnergy { get; init; }
    public Price? TotalEnergyCost { get; init; }
    public decimal? TotalTime { get; init; }
    public Price? TotalTimeCost { get; init; }
    public decimal? TotalParkingTime { get; init; }
    public Price? TotalParkingCost { get; init; }
    public Price? TotalReservationCost { get; init; }
    public string? Remark { get; init; }
    public string? InvoiceReferenceId { get; init; }
    public bool? Credit { get; init; }
    public string? CreditReferenceId { get; init; }
    public bool? HomeChargingCompensation { get; init; }
    public DateTime? LastUpdated { get; init; }
}
