using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Model.Sessions;

/// <summary>
/// 2.2.1 mod_sessions §Session object. In a PATCH, <c>charging_periods</c> are appended, not replaced
/// (mod_sessions §Receiver PATCH); the record does not know which, the handler does.
/// </summary>
public sealed record Session
{
    public string? CountryCode { get; init; }
    public string? PartyId { get; init; }
    public string? Id { get; init; }
    public DateTime? StartDateTime { get; init; }
    public DateTime? EndDateTime { get; init; }
    public decimal? Kwh { get; init; }
    public CdrToken? CdrToken { get; init; }
    public AuthMethod? AuthMethod { get; init; }
    public string? AuthorizationReference { get; init; }
    public string? LocationId { get; init; }
    public string? EvseUid { get; init; }
    public string? ConnectorId { get; init; }
    public string? MeterId { get; init; }
    public string? Currency { get; init; }
    public IReadOnlyList<ChargingPeriod>? ChargingPeriods { get; init; }
    /// <summary>Absent does not mean free; 0 does.</summary>
    public Price? TotalCost { get; init; }
    public SessionStatus? Status { get; init; }
    public DateTime? LastUpdated { get; init; }
}

/// <summary>2.2.1 mod_sessions §SessionStatus. The prose says RESERVED; the enum value is RESERVATION (digest §7.1).</summary>
public enum SessionStatus
{
    ACTIVE,
    COMPLETED,
    INVALID,
    PENDING,
    RESERVATION,
}
