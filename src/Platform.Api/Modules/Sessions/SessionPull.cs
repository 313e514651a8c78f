using Platform.Api.Infrastructure.Sync;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions;

/// <summary>Sessions a hosted eMSP pulls from a CPO's Sender interface (the CPO lists only its tokens' sessions).</summary>
public sealed class SessionPull(OcpiObjectStore objects, DbSession db, ILogger<SessionPull> logger) : ObjectPull<Session>(objects, db, logger)
{
    public override string Module => ModuleIds.Sessions;
    public override Role OwnerRole => Role.CPO;
    public override Role ReceiverRole => Role.EMSP;

    protected override PulledObject Describe(Session item, JsonObject document) =>
        new(item.Id!, item.CountryCode, item.PartyId, item.LastUpdated!.Value, AudienceKey: OcpiDocument.TokenOwner(document));
}
