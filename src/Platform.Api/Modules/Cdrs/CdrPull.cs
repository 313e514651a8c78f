using Platform.Api.Infrastructure.Sync;
using Platform.Api.Modules.Cdrs.Audit;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs;

/// <summary>CDRs a hosted eMSP pulls from a CPO: stored once, never replaced (CDRs are immutable), and audited.</summary>
public sealed class CdrPull(OcpiObjectStore objects, DbSession db, CdrAuditor auditor, ILogger<CdrPull> logger) : ObjectPull<Cdr>(objects, db, logger)
{
    public override string Module => ModuleIds.Cdrs;
    public override Role OwnerRole => Role.CPO;
    public override Role ReceiverRole => Role.EMSP;

    protected override bool KeepHeld => true;

    protected override PulledObject Describe(Cdr item, JsonObject document) =>
        new(item.Id!, item.CountryCode, item.PartyId, item.LastUpdated!.Value, AudienceKey: OcpiDocument.TokenOwner(document));

    protected override Task StoredAsync(long hostedPartyId, PartyRef owner, Cdr item, CancellationToken ct) =>
        auditor.AuditAsync(hostedPartyId, owner, item, ct);
}
