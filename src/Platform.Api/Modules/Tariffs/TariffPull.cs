using Platform.Api.Infrastructure.Sync;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs;

/// <summary>Tariffs a hosted eMSP pulls from a CPO's Sender interface.</summary>
public sealed class TariffPull(OcpiObjectStore objects, DbSession db, ILogger<TariffPull> logger) : ObjectPull<Tariff>(objects, db, logger)
{
    public override string Module => ModuleIds.Tariffs;
    public override Role OwnerRole => Role.CPO;
    public override Role ReceiverRole => Role.EMSP;

    protected override PulledObject Describe(Tariff item, JsonObject document) =>
        new(item.Id!, item.CountryCode, item.PartyId, item.LastUpdated!.Value);
}
