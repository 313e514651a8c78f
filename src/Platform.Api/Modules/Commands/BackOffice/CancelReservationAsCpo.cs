using Platform.Api.Admin;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Commands;

namespace Platform.Api.Modules.Commands.BackOffice;

/// <summary>
/// The CPO cancels a reservation itself (e.g. the charger broke down): the eMSP hears it as a CommandResult
/// CANCELED_RESERVATION at the response_url of its RESERVE_NOW (M6).
/// </summary>
public sealed record CancelReservationAsCpo(PartyRef Cpo, PartyRef Emsp, string ReservationId) : IRequest<JsonObject>, ITransactional;

public sealed class CancelReservationAsCpoHandler(BackOfficeParties parties, Reservations reservations, ReceivedRequestStore received, ResultPosts posts,
    TimeProvider clock) : IRequestHandler<CancelReservationAsCpo, JsonObject>
{
    public async ValueTask<JsonObject> Handle(CancelReservationAsCpo request, CancellationToken ct)
    {
        var cpo = await parties.ResolveAsync(request.Cpo.CountryCode, request.Cpo.PartyId, Role.CPO, ct);
        var owner = new PartyRef(cpo.CountryCode, cpo.PartyId);
        var now = clock.GetUtcNow().UtcDateTime;
        var reservation = await reservations.FindAsync(cpo.Id, owner, request.Emsp.Key, request.ReservationId, ct);
        if (reservation is null || !reservation.IsActive(now))
            throw new RequestRejectedException(RejectionKind.NotFound, $"{cpo.Key} holds no active reservation {request.ReservationId} of {request.Emsp.Key}");
        var cancelled = reservation with { Status = ReservationStates.Cancelled, LastUpdated = now };
        await reservations.SaveAsync(cpo.Id, owner, cancelled, ct);
        if (reservation.RequestId is { } requestId && await received.FindAsync(requestId, ct) is { } reserveNow)
            await posts.ResultAsync(reserveNow, new CommandResult
            {
                Result = CommandResultType.CANCELED_RESERVATION,
                Message = [new DisplayText { Language = "en", Text = "The reservation was cancelled by the charge point operator" }],
            }, ct);
        return OcpiDocument.ToObject(cancelled);
    }
}
