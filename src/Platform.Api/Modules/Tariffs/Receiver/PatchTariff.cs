using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs.Receiver;

/// <summary>
/// A 2.1.1 CPO pushes changed fields of a tariff (2.1.1 mod_tariffs eMSP PATCH). 2.2.1 and 2.3.0 took the tariff
/// PATCH away (F1): on their URLs it is refused with 405, as before it existed.
/// </summary>
public sealed record PatchTariff(OcpiContext Context, PartyRef Owner, string TariffId, Tariff Body, System.Text.Json.Nodes.JsonObject Json, string Version)
    : IRequest<OcpiResult>, ITransactional;

public sealed class PatchTariffHandler(TariffWrites writes) : IRequestHandler<PatchTariff, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PatchTariff request, CancellationToken cancellationToken)
    {
        if (request.Version != OcpiVersions.V211)
            throw new RequestRejectedException(RejectionKind.WrongState, $"OCPI {request.Version} has no tariff PATCH: PUT the whole tariff");
        var scope = new ObjectScope(ModuleIds.Tariffs, request.Context.HostedPartyId, ObjectSide.Received);
        await writes.PatchAsync(scope, request.Owner, request.TariffId, request.Body, request.Json, cancellationToken);
        return OcpiResult.Ok();
    }
}
