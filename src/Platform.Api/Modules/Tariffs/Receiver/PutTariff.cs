using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs.Receiver;

/// <summary>A CPO pushes a new or changed tariff to a hosted eMSP (2.2.1 mod_tariffs Receiver PUT).</summary>
public sealed record PutTariff(OcpiContext Context, PartyRef Owner, string TariffId, Tariff Body) : IRequest<OcpiResult>, ITransactional;

public sealed class PutTariffValidator : AbstractValidator<PutTariff>
{
    public PutTariffValidator() => RuleFor(r => r).Custom((r, context) => TariffRules.Check(context, r.Owner, r.TariffId, r.Body));
}

public sealed class PutTariffHandler(TariffWrites writes) : IRequestHandler<PutTariff, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PutTariff request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Tariffs, request.Context.HostedPartyId, ObjectSide.Received);
        var written = await writes.PutAsync(scope, request.Owner, request.Body, cancellationToken);
        // 201 for a new tariff, 200 for a replaced one (T9); data is left unset (errata on PUT responses).
        return written.Created ? OcpiResult.Created() : OcpiResult.Ok();
    }
}
