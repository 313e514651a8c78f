using Platform.Api.Modules.Cdrs.Audit;
using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs;

public enum CdrStored { Created, AlreadyHeld, Conflict }

/// <summary>
/// Stores a CDR once: CDRs are immutable (2.2.1 mod_cdrs), so the same id again is either the same CDR (answered
/// as already held, so a sender that lost our first answer stops retrying) or a conflict (a correction must be a
/// credit CDR with a new id). A CPO's own CDR records an outbox entry for its token's eMSP; a received one is audited.
/// </summary>
public sealed class CdrWrites(OcpiObjectStore objects, Outbox outbox, CdrAuditor auditor)
{
    public async Task<CdrStored> StoreAsync(ObjectScope scope, PartyRef owner, Cdr cdr, CancellationToken ct)
    {
        var document = OcpiDocument.ToObject(cdr);
        var existing = await objects.FindAsync(scope, owner.Key, cdr.Id!, ct);
        if (existing is not null)
            return JsonNode.DeepEquals(JsonNode.Parse(existing.Document), document) ? CdrStored.AlreadyHeld : CdrStored.Conflict;
        await objects.SaveAsync(scope, owner.Key, cdr.Id!, OcpiDocument.LastUpdated(document), OcpiDocument.Serialize(document), ct,
            audienceKey: OcpiDocument.TokenOwner(document));
        if (scope.Side == ObjectSide.Own)
            await outbox.AddAsync(scope.HostedPartyId, ModuleIds.Cdrs, CiString.Key(cdr.Id!), PushOperation.Post, null, ct);
        else
            await auditor.AuditAsync(scope.HostedPartyId, owner, cdr, ct);
        return CdrStored.Created;
    }
}
