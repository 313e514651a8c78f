using System.Reflection;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Logging;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.ChargePoints;
using Platform.Api.Modules.Locations;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Commands.Receiver;

/// <summary>
/// An eMSP's command to a hosted CPO (2.2.1 mod_commands Receiver POST {command}). Answered at once with a
/// CommandResponse saying whether the command could be handed to the charger (M1); the charger's outcome is POSTed
/// to response_url later. Unknown location: 2003 with REJECTED (M3). The token is not checked for validity (M4),
/// only for being the caller's own.
/// </summary>
public sealed record ReceiveCommand(OcpiContext Context, CommandType Type, object Body) : IRequest<OcpiResult>;

public sealed class ReceiveCommandValidator : AbstractValidator<ReceiveCommand>
{
    public ReceiveCommandValidator() =>
        RuleFor(r => r).Custom((r, context) =>
        {
            foreach (var failure in CommandBodies.Validate(r.Body).Errors) context.AddFailure(failure);
            if (CommandBodies.ForeignToken(CommandBodies.Facts(r.Body), r.Context.Remote) is { } foreign) context.AddFailure(foreign);
        });
}

public sealed class ReceiveCommandHandler(ResponseUrlCheck responseUrls, OcpiObjectStore objects, ReceivedRequestStore received, Reservations reservations, IChargePointGateway gateway,
    CommandOptions options, RequestCorrelation correlation, ILogger<ReceiveCommandHandler> logger) : IRequestHandler<ReceiveCommand, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(ReceiveCommand request, CancellationToken ct)
    {
        var context = request.Context;
        var facts = CommandBodies.Facts(request.Body);
        await responseUrls.EnsureAllowedAsync(context, facts.ResponseUrl, ct);
        if (facts.LocationId is { } locationId)
        {
            var stored = await objects.FindAsync(new ObjectScope(ModuleIds.Locations, context.HostedPartyId, ObjectSide.Own), context.Hosted.Key, locationId, ct);
            if (stored is null)
                return OcpiResult.Error(OcpiStatus.UnknownLocation, $"Unknown location {locationId}", Response(CommandResponseType.REJECTED, $"Unknown location {locationId}"));
            if (Unreachable(request.Type, LocationDocument.Read(stored), facts) is { } why)
                return OcpiResult.Ok(Response(CommandResponseType.REJECTED, why));
        }
        if (facts.SessionId is { } sessionId)
        {
            var session = await objects.FindAsync(new ObjectScope(ModuleIds.Sessions, context.HostedPartyId, ObjectSide.Own), context.Hosted.Key, sessionId, ct);
            // Another eMSP's session is as unknown to this caller as a session that does not exist.
            if (session is null || session.AudienceKey != context.Remote.Key)
                return OcpiResult.Ok(Response(CommandResponseType.UNKNOWN_SESSION, $"Unknown session {sessionId}"));
        }

        var body = CommandBodies.ToJson(request.Body);
        var chargerReservationId = await ChargerReservationIdAsync(request.Type, context, facts, ct);
        var requestId = await received.AddAsync(context.HostedPartyId, context.ConnectionId, context.Remote.Key, ModuleIds.Commands, request.Type.ToString(),
            facts.SessionId is null ? null : CiString.Key(facts.SessionId), facts.ResponseUrl!, body.ToJsonString(OcpiJson.Options),
            chargerReservationId, correlation.CorrelationId, ct);
        CommandResponse response;
        try
        {
            response = Response(await gateway.ForwardCommandAsync(new ChargePointCommand(requestId, context.HostedPartyId, context.Hosted, context.Remote,
                request.Type, body, chargerReservationId), ct), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The charge-point gateway could not take command {ReceivedRequestId}", requestId);
            response = Response(CommandResponseType.REJECTED, "The charge point cannot be reached");
        }
        await received.SetResponseAsync(requestId, OcpiJson.Serialize(response), ct);
        return OcpiResult.Ok(response);
    }

    /// <summary>
    /// The charger's id of the reservation (M5): a RESERVE_NOW replacing the caller's reservation of the same id at the
    /// same location keeps its charger id; any other gets a new one, unique across eMSPs. A cancel names the mapped one.
    /// </summary>
    private async Task<string?> ChargerReservationIdAsync(CommandType type, OcpiContext context, CommandFacts facts, CancellationToken ct)
    {
        if (facts.ReservationId is null) return null;
        var existing = await reservations.FindAsync(context.HostedPartyId, context.Hosted, context.Remote.Key, facts.ReservationId, ct);
        if (type == CommandType.CANCEL_RESERVATION) return existing?.ChargerReservationId;
        return existing is not null && CiString.Equal(existing.LocationId, facts.LocationId) ? existing.ChargerReservationId : Guid.NewGuid().ToString("N");
    }

    /// <summary>Why the command cannot go to any charger of this location, or null.</summary>
    private static string? Unreachable(CommandType type, LocationDocument location, CommandFacts facts)
    {
        if (facts.EvseUid is null) return null;
        var evse = location.Evse(facts.EvseUid);
        if (evse is null) return $"Unknown EVSE {facts.EvseUid} at location {facts.LocationId}";
        if (facts.ConnectorId is not null && location.Connector(facts.EvseUid, facts.ConnectorId) is null)
            return $"Unknown connector {facts.ConnectorId} at EVSE {facts.EvseUid}";
        var connectorRequired = evse["capabilities"] is JsonArray capabilities
            && capabilities.Any(c => (string?)c == nameof(Capability.START_SESSION_CONNECTOR_REQUIRED));
        return type == CommandType.START_SESSION && connectorRequired && facts.ConnectorId is null
            ? $"EVSE {facts.EvseUid} needs connector_id to start a session (START_SESSION_CONNECTOR_REQUIRED)"
            : null;
    }

    private CommandResponse Response(CommandResponseType result, string? message) => new()
    {
        Result = result,
        Timeout = options.ResultTimeoutSeconds,
        Message = message is null ? null : [new DisplayText { Language = "en", Text = message }],
    };
}

/// <summary>Binds the command POST: the CommandType in the URL decides which body is read (2001 when it does not fit).</summary>
public sealed class OcpiCommand
{
    private OcpiCommand(CommandType type, object body) => (Type, Body) = (type, body);

    public CommandType Type { get; }

    public object Body { get; }

    public static async ValueTask<OcpiCommand?> BindAsync(HttpContext http, ParameterInfo parameter)
    {
        var segment = http.GetRouteValue("command") as string ?? "";
        if (!CommandBodies.TryParseType(segment, out var type))
            throw new RequestRejectedException(RejectionKind.NotFound,
                $"Unknown command '{segment}'; the commands are {string.Join(", ", Enum.GetNames<CommandType>())}");
        var json = await OcpiBody<JsonObject>.BindAsync(http, parameter);
        return new OcpiCommand(type, CommandBodies.Read(type, json!.Value));
    }
}
