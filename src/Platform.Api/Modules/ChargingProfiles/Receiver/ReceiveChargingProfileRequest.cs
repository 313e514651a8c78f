using System.Globalization;
using FluentValidation.Results;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Logging;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.ChargePoints;
using Platform.Api.Modules.Commands;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.ChargingProfiles.Receiver;

/// <summary>
/// A sender (eMSP or SCSP) asks a hosted CPO to set (PUT), read (GET) or clear (DELETE) the charging profile of a
/// session (2.2.1 mod_charging_profiles Receiver). Answered at once with a ChargingProfileResponse (P1); the
/// charger's result is POSTed to response_url later. Only the session's token owner may, others get
/// UNKNOWN_SESSION; too many requests about one session in a minute get TOO_OFTEN (P4).
/// </summary>
public sealed record ReceiveChargingProfileRequest(OcpiContext Context, ChargingProfileRequestType Type, string SessionId, string? ResponseUrl,
    string? Duration, SetChargingProfile? Body) : IRequest<OcpiResult>
{
    /// <summary>The response_url: in the body of a PUT, in the query of a GET or DELETE (§7.10).</summary>
    public string? TargetUrl => Type == ChargingProfileRequestType.SET ? Body?.ResponseUrl : ResponseUrl;
}

public sealed class ReceiveChargingProfileRequestValidator : AbstractValidator<ReceiveChargingProfileRequest>
{
    public ReceiveChargingProfileRequestValidator()
    {
        RuleFor(r => r.SessionId).CiString(36);
        // The body's own paths (charging_profile.…), as a peer wrote them.
        RuleFor(r => r.Body).Custom((body, context) =>
        {
            if (body is null) context.AddFailure(new ValidationFailure("$", "a SetChargingProfile body is required"));
            else foreach (var failure in WireValidators.Put<SetChargingProfile>().Validate(body).Errors) context.AddFailure(failure);
        }).When(r => r.Type == ChargingProfileRequestType.SET);
        RuleFor(r => r.ResponseUrl).RequiredText().OcpiUrl().When(r => r.Type != ChargingProfileRequestType.SET);
        When(r => r.Type == ChargingProfileRequestType.GET, () =>
            RuleFor(r => r.Duration).Custom((duration, context) =>
            {
                if (!int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    context.AddFailure(new ValidationFailure("duration", "duration is required: the number of seconds the profile is asked for"));
            }));
    }
}

public sealed class ReceiveChargingProfileRequestHandler(ResponseUrlCheck responseUrls, OcpiObjectStore objects, ReceivedRequestStore received, IChargePointGateway gateway,
    CommandOptions commandOptions, ChargingProfileOptions options, RequestCorrelation correlation, TimeProvider clock,
    ILogger<ReceiveChargingProfileRequestHandler> logger) : IRequestHandler<ReceiveChargingProfileRequest, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(ReceiveChargingProfileRequest request, CancellationToken ct)
    {
        var context = request.Context;
        await responseUrls.EnsureAllowedAsync(context, request.TargetUrl, ct);
        var stored = await objects.FindAsync(new ObjectScope(ModuleIds.Sessions, context.HostedPartyId, ObjectSide.Own), context.Hosted.Key, request.SessionId, ct);
        // Token owners may set profiles on their own sessions only (2.2.1 mod_charging_profiles).
        if (stored is null || stored.AudienceKey != context.Remote.Key) return Answer(ChargingProfileResponseType.UNKNOWN_SESSION);
        var status = OcpiJson.Deserialize<Session>(stored.Document)?.Status;
        if (status is not (SessionStatus.ACTIVE or SessionStatus.PENDING)) return Answer(ChargingProfileResponseType.REJECTED);
        int? duration = request.Type == ChargingProfileRequestType.GET ? int.Parse(request.Duration!, CultureInfo.InvariantCulture) : null;
        var document = request.Type == ChargingProfileRequestType.SET
            ? OcpiDocument.ToObject(request.Body!)
            : new JsonObject { ["duration"] = duration, ["response_url"] = request.ResponseUrl };
        var added = await received.AddWithinLimitAsync(context.HostedPartyId, context.ConnectionId, context.Remote.Key, ModuleIds.ChargingProfiles,
            request.Type.ToString(), CiString.Key(request.SessionId), request.TargetUrl!, OcpiDocument.Serialize(document), correlation.CorrelationId,
            options.MaxRequestsPerSessionPerMinute, clock.GetUtcNow().UtcDateTime.AddMinutes(-1), ct);
        if (added is not { } requestId) return Answer(ChargingProfileResponseType.TOO_OFTEN);
        ChargingProfileResponseType result;
        try
        {
            result = await gateway.ForwardChargingProfileAsync(new ChargePointProfileRequest(requestId, context.HostedPartyId, context.Hosted, context.Remote,
                request.Type, (string)JsonNode.Parse(stored.Document)!["id"]!, duration, request.Type == ChargingProfileRequestType.SET ? document : null), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The charge-point gateway could not take charging profile request {ReceivedRequestId}", requestId);
            result = ChargingProfileResponseType.REJECTED;
        }
        var answer = new ChargingProfileResponse { Result = result, Timeout = commandOptions.ResultTimeoutSeconds };
        await received.SetResponseAsync(requestId, OcpiJson.Serialize(answer), ct);
        return OcpiResult.Ok(answer);
    }

    private OcpiResult Answer(ChargingProfileResponseType result) =>
        OcpiResult.Ok(new ChargingProfileResponse { Result = result, Timeout = commandOptions.ResultTimeoutSeconds });
}
