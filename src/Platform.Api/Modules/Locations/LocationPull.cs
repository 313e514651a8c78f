using Platform.Api.Infrastructure.Sync;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations;

/// <summary>Locations a hosted eMSP pulls from a CPO's Sender interface.</summary>
public sealed class LocationPull(OcpiObjectStore objects, DbSession db, ILogger<LocationPull> logger) : ObjectPull<Location>(objects, db, logger)
{
    public override string Module => ModuleIds.Locations;
    public override Role OwnerRole => Role.CPO;
    public override Role ReceiverRole => Role.EMSP;

    protected override PulledObject Describe(Location item, JsonObject document)
    {
        var location = LocationDocument.Of(document);
        return new PulledObject(item.Id!, item.CountryCode, item.PartyId, item.LastUpdated!.Value, location.Published, location.Listed);
    }
}
