using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations.Receiver;

/// <summary>A CPO pushes a whole location, EVSE or connector to a hosted eMSP (2.2.1 mod_locations Receiver PUT).</summary>
public sealed record PutLocation(OcpiContext Context, PartyRef Owner, LocationPath Path, LocationBody Body) : IRequest<OcpiResult>, IGroupCommit;

public sealed class PutLocationValidator : AbstractValidator<PutLocation>
{
    public PutLocationValidator() =>
        RuleFor(r => r).Custom((r, context) => LocationRules.Check(context, r.Owner, r.Path, r.Body));
}

public sealed class PutLocationHandler(LocationWrites writes) : IRequestHandler<PutLocation, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PutLocation request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Locations, request.Context.HostedPartyId, ObjectSide.Received);
        var written = await writes.PutAsync(scope, request.Owner, request.Path, request.Body, cancellationToken);
        // 201 for a new object, 200 for a replaced one (T9); data is left unset (errata on PUT responses).
        return written.Created ? OcpiResult.Created() : OcpiResult.Ok();
    }
}
