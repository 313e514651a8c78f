using System.Text.Json;
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
        string[] path = [owner.CountryCode, owner.PartyId, current.ObjectId];
        // Read from the stored document, not a tree of it: one delivery per receiver, and a tree built each EVSE passed over.
        if (delivery.Operation == PushOperation.PatchStatus && delivery.Detail is { } uid
            && LocationDocument.ReadEvse(current, uid) is { } evse)
            return new PushCall(HttpMethod.Patch, [.. path, evse.GetProperty("uid").GetString()!],
                new JsonObject { ["status"] = Field(evse, "status"), ["last_updated"] = Field(evse, "last_updated") });
        return new PushCall(HttpMethod.Put, path, current.Root);
    }

    private static JsonNode? Field(JsonElement evse, string name) => evse.TryGetProperty(name, out var value) ? JsonValue.Create(value) : null;

    public Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct)
    {
        if (current is null) return Task.CompletedTask;
        var scope = new ObjectScope(Module, targetPartyId, ObjectSide.Received);
        return objects.SaveAsync(scope, owner.Key, current.ObjectId, current.LastUpdated, current.Document, ct, current.Published, current.Visible);
    }
}
