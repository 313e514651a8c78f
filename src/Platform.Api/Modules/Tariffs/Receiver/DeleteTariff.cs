using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs.Receiver;

/// <summary>A CPO tells a hosted eMSP that a tariff is no longer used (2.2.1 mod_tariffs Receiver DELETE).</summary>
public sealed record DeleteTariff(OcpiContext Context, PartyRef Owner, string TariffId) : IRequest<OcpiResult>, ITransactional;

public sealed class DeleteTariffHandler(TariffWrites writes) : IRequestHandler<DeleteTariff, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(DeleteTariff request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Tariffs, request.Context.HostedPartyId, ObjectSide.Received);
        return await writes.DeleteAsync(scope, request.Owner, request.TariffId, cancellationToken)
            ? OcpiResult.Ok()
            : OcpiResult.NotFound($"No tariff {request.TariffId} of {request.Owner} here");
    }
}
