using Platform.Api.Infrastructure.Pipeline;
using Platform.Api.Modules.Locations;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Sessions.Sender;

/// <summary>
/// An eMSP sets its driver's charging preferences for a session at the hosted CPO (2.2.1 mod_sessions
/// §Set charging preferences). The answer is a ChargingPreferencesResponse string; a session at an EVSE that is
/// not CHARGING_PREFERENCES_CAPABLE gets HTTP 404 with 2001 (S3). The preferences are kept for the charge-point
/// side to read through the back office.
/// </summary>
public sealed record PutChargingPreferences(OcpiContext Context, string SessionId, ChargingPreferences Body) : IRequest<OcpiResult>, ITransactional;

public sealed class PutChargingPreferencesValidator : AbstractValidator<PutChargingPreferences>
{
    public PutChargingPreferencesValidator() =>
        RuleFor(r => r.Body).SetValidator(WireValidators.Put<ChargingPreferences>());
}

public sealed class PutChargingPreferencesHandler(OcpiObjectStore objects, TimeProvider clock) : IRequestHandler<PutChargingPreferences, OcpiResult>
{
    public const string PreferencesModule = "charging_preferences";

    public async ValueTask<OcpiResult> Handle(PutChargingPreferences request, CancellationToken cancellationToken)
    {
        var context = request.Context;
        var sessions = new ObjectScope(ModuleIds.Sessions, context.HostedPartyId, ObjectSide.Own);
        var session = await objects.FindAsync(sessions, context.Hosted.Key, request.SessionId, cancellationToken);
        if (session is null || session.AudienceKey != context.Remote.Key)
            return OcpiResult.NotFound($"Unknown session {request.SessionId}");

        var document = JsonNode.Parse(session.Document)!;
        var location = await objects.FindAsync(new ObjectScope(ModuleIds.Locations, context.HostedPartyId, ObjectSide.Own), context.Hosted.Key,
            (string?)document["location_id"] ?? "", cancellationToken);
        var evse = location is null ? null : LocationDocument.Read(location).Evse((string?)document["evse_uid"] ?? "");
        var capable = evse?["capabilities"] is JsonArray capabilities
            && capabilities.Any(c => (string?)c == nameof(Capability.CHARGING_PREFERENCES_CAPABLE));
        if (!capable)
            return OcpiResult.NotFound($"The EVSE of session {request.SessionId} does not accept charging preferences", OcpiStatus.InvalidOrMissingParameters);

        await objects.SaveAsync(new ObjectScope(PreferencesModule, context.HostedPartyId, ObjectSide.Own), context.Hosted.Key, request.SessionId,
            clock.GetUtcNow().UtcDateTime, OcpiJson.Serialize(request.Body), cancellationToken, audienceKey: context.Remote.Key);
        return OcpiResult.Ok(nameof(ChargingPreferencesResponse.ACCEPTED));
    }
}
