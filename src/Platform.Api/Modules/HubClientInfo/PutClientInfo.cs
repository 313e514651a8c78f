using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Api.Modules.Sessions;
using Platform.Ocpi.Model.HubClientInfo;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.HubClientInfo;

/// <summary>
/// A Hub tells us about one party it reaches (2.2.1 mod_hub_client_info Receiver PUT). A configuration module: no
/// routing headers; the caller must be a hub connection. A party coming back to CONNECTED releases the pushes that
/// waited for it (their current state goes out at once).
/// </summary>
public sealed record PutClientInfo(string CountryCode, string PartyId, ClientInfo Body) : IRequest<OcpiResult>, ITransactional;

public sealed class PutClientInfoValidator : AbstractValidator<PutClientInfo>
{
    public PutClientInfoValidator() => RuleFor(r => r).Custom((r, context) =>
    {
        foreach (var failure in WireValidators.Put<ClientInfo>().Validate(r.Body).Errors) context.AddFailure(failure);
        SessionRules.Same(context, "country_code", r.Body.CountryCode, r.CountryCode);
        SessionRules.Same(context, "party_id", r.Body.PartyId, r.PartyId);
    });
}

public sealed class PutClientInfoHandler(OcpiCaller caller, ClientInfoStore store, DeliveryStore deliveries, Platform.Api.Infrastructure.Sending.SendSignal signal,
    ILogger<PutClientInfoHandler> logger) : IRequestHandler<PutClientInfo, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PutClientInfo request, CancellationToken cancellationToken)
    {
        if (!await store.IsHubConnectionAsync(caller.ConnectionId, cancellationToken))
            throw new RequestRejectedException(RejectionKind.NotFound, "Only a Hub (credentials role HUB) sends ClientInfo");
        var existed = (await store.FindAsync(caller.ConnectionId, PartyKey.Of(request.CountryCode, request.PartyId), cancellationToken))
            .Any(i => i.Role == request.Body.Role);
        var cameBack = await store.SaveAsync(caller.ConnectionId, request.Body, cancellationToken);
        logger.LogInformation("Hub reports {Party} as {Role} {Status}", PartyKey.Of(request.CountryCode, request.PartyId), request.Body.Role, request.Body.Status);
        if (cameBack)
        {
            await deliveries.ReleaseWaitingForTargetAsync(caller.ConnectionId, PartyKey.Of(request.CountryCode, request.PartyId), cancellationToken);
            signal.Notify();
        }
        return existed ? OcpiResult.Ok() : OcpiResult.Created();
    }
}

/// <summary>The Hub reads back what we hold about one of its parties (Receiver GET).</summary>
public sealed record GetClientInfo(string CountryCode, string PartyId) : IRequest<OcpiResult>;

public sealed class GetClientInfoHandler(OcpiCaller caller, ClientInfoStore store) : IRequestHandler<GetClientInfo, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetClientInfo request, CancellationToken cancellationToken)
    {
        var held = await store.FindAsync(caller.ConnectionId, PartyKey.Of(request.CountryCode, request.PartyId), cancellationToken);
        return held.Count == 0 ? OcpiResult.NotFound($"No ClientInfo for {PartyKey.Of(request.CountryCode, request.PartyId)}") : OcpiResult.Ok(held[0]);
    }
}
