using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Cdrs.Receiver;

/// <summary>
/// A CPO posts a CDR to the hosted eMSP of its token (2.2.1 mod_cdrs Receiver POST). The URL names no owner, so
/// the owner is the body's country_code/party_id and must be a CPO of the caller's connection (digest §7.18).
/// Answered with the Location of the stored CDR (C1); the same CDR again is answered as held, never stored twice.
/// </summary>
public sealed record PostCdr(OcpiContext Context, Cdr Body) : IRequest<OcpiResult>, ITransactional;

public sealed class PostCdrValidator : AbstractValidator<PostCdr>
{
    public PostCdrValidator() => RuleFor(r => r).Custom((r, context) => CdrRules.Check(context, r.Body, owner: null, r.Context.Hosted));
}

public sealed class PostCdrHandler(ConnectionRouting routing, CdrWrites writes, PublicUrl urls) : IRequestHandler<PostCdr, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PostCdr request, CancellationToken cancellationToken)
    {
        var cdr = request.Body;
        var owner = new PartyRef(cdr.CountryCode!, cdr.PartyId!);
        var view = await routing.GetAsync(request.Context.ConnectionId, cancellationToken);
        if (!view.RemoteParties.Any(r => r.Is(Role.CPO) && PartyKey.Of(r.CountryCode, r.PartyId) == owner.Key))
            return OcpiResult.NotFound($"{owner} is not a CPO of your connection");

        var scope = new ObjectScope(ModuleIds.Cdrs, request.Context.HostedPartyId, ObjectSide.Received);
        var stored = await writes.StoreAsync(scope, owner, cdr, cancellationToken);
        var location = new KeyValuePair<string, string>(OcpiHeaders.Location,
            $"{urls.Of(CdrsModule.Receiver)}/{Uri.EscapeDataString(owner.CountryCode)}/{Uri.EscapeDataString(owner.PartyId)}/{Uri.EscapeDataString(cdr.Id!)}");
        return stored switch
        {
            CdrStored.Created => OcpiResult.Created() with { Headers = [location] },
            CdrStored.AlreadyHeld => OcpiResult.Ok(message: $"CDR {cdr.Id} was already received; not stored again") with { Headers = [location] },
            _ => OcpiResult.Error(OcpiStatus.InvalidOrMissingParameters,
                $"A different CDR {cdr.Id} of {owner} is already held: CDRs are immutable, send a credit CDR with a new id"),
        };
    }
}
