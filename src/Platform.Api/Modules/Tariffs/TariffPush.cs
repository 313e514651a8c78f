using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs;

/// <summary>
/// How a hosted CPO's tariff reaches its receivers: PUT of the tariff as it is now, or DELETE once it is gone
/// (2.2.1 mod_tariffs: no PATCH). The stored state decides, not the queued operation: a tariff deleted and put
/// again before the delivery ran is PUT.
/// </summary>
public sealed class TariffPush(OcpiObjectStore objects) : IPushModule
{
    private static readonly HashSet<Role> Receivers = [Role.EMSP, Role.NSP, Role.OTHER];

    public bool Broadcastable => true;

    public string Module => ModuleIds.Tariffs;

    public IReadOnlySet<Role> TargetRoles => Receivers;

    // Tariffs have no publication rule: every receiver of the CPO may know them.
    public ValueTask<bool> MayReceiveAsync(long hostedPartyId, StoredObject current, string targetKey, CancellationToken ct) => ValueTask.FromResult(true);

    public PushCall? BuildCall(Delivery delivery, PartyRef owner, StoredObject? current)
    {
        if (current is not null) return new PushCall(HttpMethod.Put, [owner.CountryCode, owner.PartyId, current.ObjectId], current.Root);
        if (delivery.Operation != PushOperation.Delete) return null;
        return new PushCall(HttpMethod.Delete, [owner.CountryCode, owner.PartyId, delivery.Detail ?? delivery.ObjectKey], null, AbsentIsDone: true);
    }

    public async Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct)
    {
        var scope = new ObjectScope(Module, targetPartyId, ObjectSide.Received);
        if (current is not null)
            await objects.SaveAsync(scope, owner.Key, current.ObjectId, current.LastUpdated, current.Document, ct);
        else if (delivery.Operation == PushOperation.Delete)
            await objects.DeleteAsync(scope, owner.Key, delivery.Detail ?? delivery.ObjectKey, ct);
    }
}
