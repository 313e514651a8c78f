using Platform.Api.Admin;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs.BackOffice;

/// <summary>
/// A hosted CPO's back office removes one of its tariffs; its peers get a DELETE (2.2.1 mod_tariffs: a tariff no
/// longer used, now or in future). Making sure no connector still names it is the caller's part (RECOMMENDED).
/// </summary>
public sealed record WithdrawTariff(PartyRef Cpo, string TariffId) : IRequest<Unit>, ITransactional;

public sealed class WithdrawTariffHandler(BackOfficeParties parties, TariffWrites writes) : IRequestHandler<WithdrawTariff, Unit>
{
    public async ValueTask<Unit> Handle(WithdrawTariff request, CancellationToken cancellationToken)
    {
        var cpo = await parties.ResolveAsync(request.Cpo.CountryCode, request.Cpo.PartyId, Role.CPO, cancellationToken);
        var scope = new ObjectScope(ModuleIds.Tariffs, cpo.Id, ObjectSide.Own);
        if (!await writes.DeleteAsync(scope, new PartyRef(cpo.CountryCode, cpo.PartyId), request.TariffId, cancellationToken))
            throw new RequestRejectedException(RejectionKind.NotFound, $"{cpo.Key} has no tariff {request.TariffId}");
        return Unit.Value;
    }
}
