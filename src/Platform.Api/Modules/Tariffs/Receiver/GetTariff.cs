using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs.Receiver;

/// <summary>A CPO reads back what a hosted eMSP holds of its tariff (2.2.1 mod_tariffs Receiver GET).</summary>
public sealed record GetReceivedTariff(OcpiContext Context, PartyRef Owner, string TariffId) : IRequest<OcpiResult>;

public sealed class GetReceivedTariffHandler(OcpiObjectStore objects) : IRequestHandler<GetReceivedTariff, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetReceivedTariff request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Tariffs, request.Context.HostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, request.Owner.Key, request.TariffId, cancellationToken);
        return stored is null
            ? OcpiResult.NotFound($"No tariff {request.TariffId} of {request.Owner} here")
            : OcpiResult.Ok(stored.Root);
    }
}
