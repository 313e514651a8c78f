using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions;

/// <summary>
/// A hosted CPO's session goes to the eMSP of its token only, always as a PUT of its current state. Not PATCH:
/// a PATCH appends charging_periods, so a retried PATCH whose first answer was lost would double periods at the
/// eMSP (a billing error), and coalesced changes would lose periods; a PUT of the whole session is idempotent.
/// </summary>
public sealed class SessionPush(OcpiObjectStore objects) : IPushModule
{
    private static readonly HashSet<Role> Receivers = [Role.EMSP];

    public string Module => ModuleIds.Sessions;

    public IReadOnlySet<Role> TargetRoles => Receivers;

    public ValueTask<bool> MayReceiveAsync(long hostedPartyId, StoredObject current, string targetKey, CancellationToken ct) =>
        ValueTask.FromResult(current.AudienceKey == targetKey);

    public PushCall? BuildCall(Delivery delivery, PartyRef owner, StoredObject? current) =>
        current is null ? null : new PushCall(HttpMethod.Put, [owner.CountryCode, owner.PartyId, current.ObjectId], System.Text.Json.Nodes.JsonNode.Parse(current.Document));

    public Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct) =>
        current is null
            ? Task.CompletedTask
            : objects.SaveAsync(new ObjectScope(Module, targetPartyId, ObjectSide.Received), owner.Key, current.ObjectId, current.LastUpdated,
                current.Document, ct, audienceKey: current.AudienceKey);
}
