namespace Platform.Ocpi.Model.Commands;

/// <summary>2.2.1 mod_commands §CancelReservation: a POST {commands}/CANCEL_RESERVATION body; the CommandResult goes to response_url.</summary>
public sealed record CancelReservation
{
    public string? ResponseUrl { get; init; }
    public string? ReservationId { get; init; }
}
