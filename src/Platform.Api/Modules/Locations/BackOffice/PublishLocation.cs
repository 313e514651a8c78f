using Platform.Api.Admin;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations.BackOffice;

/// <summary>
/// A hosted CPO's charge-point management side writes its own location, EVSE or connector (PUT whole, or PATCH
/// fields) through the admin API. Same rules as a Receiver PUT/PATCH; the change is pushed to its peers.
/// </summary>
public sealed record PublishLocation(PartyRef Cpo, LocationPath Path, LocationBody Body) : IRequest<LocationWritten>, ITransactional;

public sealed class PublishLocationValidator : AbstractValidator<PublishLocation>
{
    public PublishLocationValidator() =>
        RuleFor(r => r).Custom((r, context) => LocationRules.Check(context, r.Cpo, r.Path, r.Body));
}

public sealed class PublishLocationHandler(BackOfficeParties parties, LocationWrites writes) : IRequestHandler<PublishLocation, LocationWritten>
{
    public async ValueTask<LocationWritten> Handle(PublishLocation request, CancellationToken cancellationToken)
    {
        var cpo = await parties.ResolveAsync(request.Cpo.CountryCode, request.Cpo.PartyId, Role.CPO, cancellationToken);
        var scope = new ObjectScope(ModuleIds.Locations, cpo.Id, ObjectSide.Own);
        var owner = new PartyRef(cpo.CountryCode, cpo.PartyId);
        return request.Body.IsPatch
            ? await writes.PatchAsync(scope, owner, request.Path, request.Body, cancellationToken)
            : await writes.PutAsync(scope, owner, request.Path, request.Body, cancellationToken);
    }
}
