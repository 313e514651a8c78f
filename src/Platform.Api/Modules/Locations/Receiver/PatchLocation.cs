using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations.Receiver;

/// <summary>A CPO pushes changed fields of a location, EVSE or connector (2.2.1 mod_locations Receiver PATCH).</summary>
public sealed record PatchLocation(OcpiContext Context, PartyRef Owner, LocationPath Path, LocationBody Body) : IRequest<OcpiResult>, IGroupCommit;

public sealed class PatchLocationValidator : AbstractValidator<PatchLocation>
{
    public PatchLocationValidator() =>
        RuleFor(r => r).Custom((r, context) => LocationRules.Check(context, r.Owner, r.Path, r.Body));
}

public sealed class PatchLocationHandler(LocationWrites writes) : IRequestHandler<PatchLocation, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PatchLocation request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Locations, request.Context.HostedPartyId, ObjectSide.Received);
        await writes.PatchAsync(scope, request.Owner, request.Path, request.Body, cancellationToken);
        return OcpiResult.Ok();
    }
}
