using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Modules.Cdrs.Audit;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs;

/// <summary>
/// A hosted CPO's CDR is POSTed to the eMSP of its token only (2.2.1 mod_cdrs). A receiver that already holds it
/// answers success, so a retry after a lost answer never makes a second CDR. Internally, it is stored once.
/// </summary>
public sealed class CdrPush(OcpiObjectStore objects, CdrAuditor auditor) : IPushModule
{
    private static readonly HashSet<Role> Receivers = [Role.EMSP];

    public string Module => ModuleIds.Cdrs;

    public IReadOnlySet<Role> TargetRoles => Receivers;

    public ValueTask<bool> MayReceiveAsync(long hostedPartyId, StoredObject current, string targetKey, CancellationToken ct) =>
        ValueTask.FromResult(current.AudienceKey == targetKey);

    public PushCall? BuildCall(Delivery delivery, PartyRef owner, StoredObject? current) =>
        current is null ? null : new PushCall(HttpMethod.Post, [], current.Root);

    public async Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct)
    {
        if (current is null) return;
        var scope = new ObjectScope(Module, targetPartyId, ObjectSide.Received);
        if (await objects.FindAsync(scope, owner.Key, current.ObjectId, ct) is not null) return;
        await objects.SaveAsync(scope, owner.Key, current.ObjectId, current.LastUpdated, current.Document, ct, audienceKey: current.AudienceKey);
        await auditor.AuditAsync(targetPartyId, owner, OcpiJson.Deserialize<Cdr>(current.Document)!, ct);
    }
}
