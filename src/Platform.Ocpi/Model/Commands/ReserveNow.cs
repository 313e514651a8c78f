using Platform.Ocpi.Model.Tokens;

namespace Platform.Ocpi.Model.Commands;

/// <summary>2.2.1 mod_commands §ReserveNow. Without <c>evse_uid</c> any EVSE of the location is reserved.</summary>
public sealed record ReserveNow
{
    public string? ResponseUrl { get; init; }
    public Token? Token { get; init; }
    public DateTime? ExpiryDate { get; init; }
    public string? ReservationId { get; init; }
    public string? LocationId { get; init; }
    public string? EvseUid { get; init; }
    public string? AuthorizationReference { get; init; }
}
