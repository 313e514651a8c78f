using System.Text.Json.Nodes;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// How a hosted CPO's location reaches its receivers: the whole location by PUT, or an EVSE's status by PATCH
/// when only that changed; always the state as it is now. Unpublished locations reach no one (L4: token owners
/// named in publish_allowed_to are matched once the platform holds the eMSPs' tokens).
/// </summary>
public sealed class LocationPush(OcpiObjectStore objects) : IPushModule
{
    private static readonly HashSet<string> Receivers = ["EMSP", "NSP", "OTHER"];

    public bool Broadcastable => true;

    public string Module => ModuleIds.Locations;

    public IReadOnlySet<string> TargetRoles => Receivers;

    public bool MayReceive(StoredObject current, string targetKey) => current.Published;

    public PushCall? BuildCall(Delivery delivery, PartyRef owner, StoredObject? current)
    {
        if (current is null) return null;
        var document = LocationDocument.Parse(current.Document);
        var path = $"{owner.CountryCode}/{owner.PartyId}/{current.ObjectId}";
        if (delivery.Operation == PushOperation.PatchStatus && delivery.Detail is { } uid && document.Evse(uid) is { } evse)
            return new PushCall(HttpMethod.Patch, $"{path}/{evse["uid"]}",
                new JsonObject { ["status"] = evse["status"]?.DeepClone(), ["last_updated"] = evse["last_updated"]?.DeepClone() });
        return new PushCall(HttpMethod.Put, path, document.Root);
    }

    public Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct)
    {
        if (current is null) return Task.CompletedTask;
        var scope = new ObjectScope(Module, targetPartyId, ObjectSide.Received);
        return objects.SaveAsync(scope, owner.Key, current.ObjectId, current.LastUpdated, current.Document, ct, current.Published, current.Visible);
    }
}
