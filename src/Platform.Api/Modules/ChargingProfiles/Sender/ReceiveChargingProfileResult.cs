using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Api.Modules.ChargePoints;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.ChargingProfiles.Sender;

/// <summary>
/// A CPO posts the result of a hosted eMSP's charging-profile request to the response_url we gave it (2.2.1
/// mod_charging_profiles Sender POST): a ChargingProfileResult, ActiveChargingProfileResult or ClearProfileResult,
/// whichever the request was. Only the connection and party it was sent to may post it (else 404). The answer
/// omits <c>data</c> (P2). An active profile in a result is kept as the session's latest, in the same transaction as the
/// result: the back office never sees the result without the profile it carried, nor loses the profile to a crash between.
/// </summary>
public sealed record ReceiveChargingProfileResult(OcpiContext Context, string RequestId, JsonObject Body) : IRequest<OcpiResult>, ITransactional;

public sealed class ReceiveChargingProfileResultHandler(SentRequestStore requests, OcpiObjectStore objects, ILogger<ReceiveChargingProfileResultHandler> logger)
    : IRequestHandler<ReceiveChargingProfileResult, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(ReceiveChargingProfileResult request, CancellationToken ct)
    {
        var context = request.Context;
        var sent = await requests.FindAsync(context.HostedPartyId, ModuleIds.ChargingProfiles, request.RequestId, ct);
        if (sent is null || sent.ConnectionId != context.ConnectionId || sent.CpoKey != context.Remote.Key)
            return OcpiResult.NotFound($"No charging profile request {request.RequestId} of yours is awaiting a result here");

        var type = Enum.Parse<ChargingProfileRequestType>(sent.Type);
        var result = type switch
        {
            ChargingProfileRequestType.SET => (object)Read<ChargingProfileResult>(request.Body),
            ChargingProfileRequestType.GET => Read<ActiveChargingProfileResult>(request.Body),
            _ => Read<ClearProfileResult>(request.Body),
        };
        await requests.RecordResultAsync(context.HostedPartyId, sent, OcpiJson.Serialize(result), ct);
        if (result is ActiveChargingProfileResult { Result: ChargingProfileResultType.ACCEPTED, Profile: { } profile } && sent.ObjectId is { } sessionId)
            await ActiveProfiles.SaveAsync(objects, context, sessionId, profile, ct);
        logger.LogInformation("Charging profile {Type} {SentRequestId}: result from {Cpo}", sent.Type, sent.Id, sent.CpoKey);
        return OcpiResult.Ok();
    }

    /// <summary>The result's shape depends on the request it answers, so it is read and checked here (2001 when it does not fit).</summary>
    private static T Read<T>(JsonObject body) where T : class
    {
        if (!OcpiJson.TryRead<T>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body), out var value, out var error))
            throw new RequestRejectedException(RejectionKind.Invalid, $"Invalid {typeof(T).Name}: {error}");
        var validation = WireValidators.Put<T>().Validate(value);
        return validation.IsValid ? value : throw new RequestRejectedException(RejectionKind.Invalid, OcpiValidation.Describe(validation));
    }
}

/// <summary>
/// A CPO tells a hosted eMSP the profile now in force for a session (2.2.1 mod_charging_profiles Sender PUT), e.g.
/// after its own cancellation. Kept as the session's latest; the answer omits <c>data</c> (P2).
/// </summary>
public sealed record PutActiveChargingProfile(OcpiContext Context, string SessionId, ActiveChargingProfile Body) : IRequest<OcpiResult>;

public sealed class PutActiveChargingProfileValidator : AbstractValidator<PutActiveChargingProfile>
{
    public PutActiveChargingProfileValidator()
    {
        RuleFor(r => r.SessionId).CiString(36);
        RuleFor(r => r.Body).Custom((body, context) =>
        {
            foreach (var failure in WireValidators.Put<ActiveChargingProfile>().Validate(body).Errors) context.AddFailure(failure);
        });
    }
}

public sealed class PutActiveChargingProfileHandler(OcpiObjectStore objects) : IRequestHandler<PutActiveChargingProfile, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PutActiveChargingProfile request, CancellationToken ct)
    {
        // Only the CPO of the session may tell its profile: another CPO of this eMSP must not be able to shadow it.
        var context = request.Context;
        if (await objects.FindAsync(new ObjectScope(ModuleIds.Sessions, context.HostedPartyId, ObjectSide.Received), context.Remote.Key,
                request.SessionId, ct) is null)
            return OcpiResult.NotFound($"No session {request.SessionId} of {context.Remote} here");
        await ActiveProfiles.SaveAsync(objects, request.Context, request.SessionId, request.Body, ct);
        return OcpiResult.Ok();
    }
}

/// <summary>The latest active profile a hosted eMSP heard of per session, kept as a received object of the CPO that sent it.</summary>
public static class ActiveProfiles
{
    public static Task SaveAsync(OcpiObjectStore objects, OcpiContext context, string sessionId, ActiveChargingProfile profile, CancellationToken ct) =>
        objects.SaveAsync(new ObjectScope(ModuleIds.ChargingProfiles, context.HostedPartyId, ObjectSide.Received), context.Remote.Key, sessionId,
            profile.StartDateTime!.Value, OcpiJson.Serialize(new JsonObject
            {
                ["session_id"] = sessionId,
                ["active_charging_profile"] = OcpiDocument.ToObject(profile),
                ["last_updated"] = System.Text.Json.JsonSerializer.SerializeToNode(profile.StartDateTime, OcpiJson.Options),
            }), ct);
}
