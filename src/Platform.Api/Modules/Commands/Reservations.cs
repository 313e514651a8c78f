using Platform.Ocpi.Json;

namespace Platform.Api.Modules.Commands;

public static class ReservationStates
{
    public const string Active = "ACTIVE";
    public const string Cancelled = "CANCELLED";
}

/// <summary>
/// A hosted CPO's reservation as its charger knows it: the eMSP's <c>reservation_id</c> is mapped to a
/// <c>charger_reservation_id</c> unique across eMSPs, since two eMSPs may both use "R1" (M5: never passed on as is).
/// </summary>
public sealed record Reservation
{
    public string? ReservationId { get; init; }
    public string? Emsp { get; init; }
    public string? ChargerReservationId { get; init; }
    public string? LocationId { get; init; }
    public string? EvseUid { get; init; }
    public DateTime? ExpiryDate { get; init; }
    public string? Status { get; init; }
    /// <summary>The RESERVE_NOW request whose response_url hears of a cancellation by the CPO (M6).</summary>
    public long? RequestId { get; init; }
    public DateTime? LastUpdated { get; init; }

    public bool IsActive(DateTime now) => Status == ReservationStates.Active && ExpiryDate > now;
}

/// <summary>Reservations of a hosted CPO, kept as its own objects of module <c>reservations</c>, one per (eMSP, reservation_id).</summary>
public sealed class Reservations(OcpiObjectStore objects)
{
    public const string Module = "reservations";

    public async Task<Reservation?> FindAsync(long cpoPartyId, PartyRef cpo, string emspKey, string reservationId, CancellationToken ct)
    {
        var stored = await objects.FindAsync(Scope(cpoPartyId), cpo.Key, Id(emspKey, reservationId), ct);
        return stored is null ? null : OcpiJson.Deserialize<Reservation>(stored.Document);
    }

    public Task SaveAsync(long cpoPartyId, PartyRef cpo, Reservation reservation, CancellationToken ct) =>
        objects.SaveAsync(Scope(cpoPartyId), cpo.Key, Id(reservation.Emsp!, reservation.ReservationId!), reservation.LastUpdated!.Value,
            OcpiJson.Serialize(reservation), ct, audienceKey: reservation.Emsp);

    private static ObjectScope Scope(long cpoPartyId) => new(Module, cpoPartyId, ObjectSide.Own);

    private static string Id(string emspKey, string reservationId) => $"{emspKey}/{reservationId}";
}
