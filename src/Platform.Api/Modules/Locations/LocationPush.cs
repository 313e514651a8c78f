using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// How a hosted CPO's location reaches its receivers: the whole location by PUT, or an EVSE's status by PATCH
/// when only that changed; always the state as it is now. An unpublished location reaches only the eMSPs owning
/// a token named in its publish_allowed_to (L4, <see cref="LocationPublication"/>).
/// </summary>
public sealed class LocationPush(OcpiObjectStore objects, LocationPublication publication) : IPushModule
{
    private static readonly HashSet<Role> Receivers = [Role.EMSP, Role.NSP, Role.OTHER];

    public bool Broadcastable => true;

    public string Module => ModuleIds.Locations;

    public IReadOnlySet<Role> TargetRoles => Receivers;

    public async ValueTask<bool> MayReceiveAsync(long hostedPartyId, StoredObject current, string targetKey, CancellationToken ct) =>
        current.Published || await publication.MayShowUnpublishedAsync(hostedPartyId, LocationDocument.Read(current), targetKey, ct);

    public PushCall? BuildCall(Delivery delivery, PartyRef owner, StoredObject? current)
    {
        if (current is null) return null;
        var document = LocationDocument.Read(current);
        string[] path = [owner.CountryCode, owner.PartyId, current.ObjectId];
        if (delivery.Operation == PushOperation.PatchStatus && delivery.Detail is { } uid && document.Evse(uid) is { } evse)
            return new PushCall(HttpMethod.Patch, [.. path, (string)evse["uid"]!],
                new JsonObject { ["status"] = evse["status"]?.DeepClone(), ["last_updated"] = evse["last_updated"]?.DeepClone() });
        return new PushCall(HttpMethod.Put, path, current.Root);
    }

    public Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct)
    {
        if (current is null) return Task.CompletedTask;
        var scope = new ObjectScope(Module, targetPartyId, ObjectSide.Received);
        return objects.SaveAsync(scope, owner.Key, current.ObjectId, current.LastUpdated, current.Document, ct, current.Published, current.Visible);
    }
}
