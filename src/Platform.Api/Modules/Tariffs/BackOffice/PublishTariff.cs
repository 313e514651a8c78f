using Platform.Api.Admin;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs.BackOffice;

/// <summary>
/// A hosted CPO's back office writes its own tariff through the admin API. Same rules as a Receiver PUT; the
/// tariff is pushed to its peers.
/// </summary>
public sealed record PublishTariff(PartyRef Cpo, string TariffId, Tariff Body) : IRequest<TariffWritten>, ITransactional;

public sealed class PublishTariffValidator : AbstractValidator<PublishTariff>
{
    public PublishTariffValidator() => RuleFor(r => r).Custom((r, context) => TariffRules.Check(context, r.Cpo, r.TariffId, r.Body));
}

public sealed class PublishTariffHandler(BackOfficeParties parties, TariffWrites writes) : IRequestHandler<PublishTariff, TariffWritten>
{
    public async ValueTask<TariffWritten> Handle(PublishTariff request, CancellationToken cancellationToken)
    {
        var cpo = await parties.ResolveAsync(request.Cpo.CountryCode, request.Cpo.PartyId, Role.CPO, cancellationToken);
        var scope = new ObjectScope(ModuleIds.Tariffs, cpo.Id, ObjectSide.Own);
        return await writes.PutAsync(scope, new PartyRef(cpo.CountryCode, cpo.PartyId), request.Body, cancellationToken);
    }
}
