using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Commands;

namespace Platform.Api.Modules.ChargePoints;

/// <summary>
/// A command for a charger, as the hosted CPO hands it on. <see cref="Body"/> is the OCPI command as received;
/// <see cref="ChargerReservationId"/> is the id the charger knows a reservation by, never the eMSP's own (M5).
/// </summary>
public sealed record ChargePointCommand(long RequestId, long CpoPartyId, PartyRef Cpo, PartyRef Emsp, CommandType Type, JsonObject Body,
    string? ChargerReservationId);

/// <summary>What a charging-profile request asks of the charger.</summary>
public enum ChargingProfileRequestType
{
    SET,
    GET,
    CLEAR,
}

/// <summary>A charging-profile request for the charger of one session; <see cref="Body"/> is the SetChargingProfile of a SET.</summary>
public sealed record ChargePointProfileRequest(long RequestId, long CpoPartyId, PartyRef Cpo, PartyRef Emsp, ChargingProfileRequestType Type,
    string SessionId, int? Duration, JsonObject? Body);

/// <summary>
/// The seam between the OCPI platform and the charge points of a hosted CPO: what an OCPP central system would
/// implement. Each call answers at once whether the request could be handed to the charger (the synchronous
/// CommandResponse / ChargingProfileResponse); the charger's outcome is reported later, by id, through
/// <see cref="ChargePointOutcomes"/>, and the platform posts it to the sender's response_url. Calls run outside
/// any database transaction, so an implementation may do I/O. <see cref="SimulatedChargePoints"/> is the default.
/// </summary>
public interface IChargePointGateway
{
    Task<CommandResponseType> ForwardCommandAsync(ChargePointCommand command, CancellationToken ct);

    Task<ChargingProfileResponseType> ForwardChargingProfileAsync(ChargePointProfileRequest request, CancellationToken ct);
}
