using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions;

/// <summary>
/// A hosted CPO's session goes to the eMSP of its token only, always as a PUT of its current state. Not PATCH:
/// a PATCH appends charging_periods, so a retried PATCH whose first answer was lost would double periods at the
/// eMSP (a billing error), and coalesced changes would lose periods; a PUT of the whole session is idempotent.
/// </summary>
/// <remarks>
/// When the token moves to another eMSP, the first one is withdrawn from (<see cref="PushOperation.Withdraw"/>):
/// OCPI has no session DELETE, and its copy must not stay ACTIVE forever, so it gets a PATCH of status INVALID
/// ("will not be billed") and the new last_updated only: its copy keeps its own token and nothing of the new one
/// reaches it. A PATCH without charging_periods leaves them as they are (S2), so a repeated one changes nothing.
/// </remarks>
public sealed class SessionPush(OcpiObjectStore objects) : IPushModule
{
    private static readonly HashSet<Role> Receivers = [Role.EMSP];

    public string Module => ModuleIds.Sessions;

    public IReadOnlySet<Role> TargetRoles => Receivers;

    public ValueTask<bool> MayReceiveAsync(long hostedPartyId, StoredObject current, string targetKey, CancellationToken ct) =>
        ValueTask.FromResult(current.AudienceKey == targetKey);

    public PushCall? BuildCall(Delivery delivery, PartyRef owner, StoredObject? current) => current is null ? null
        : delivery.Operation == PushOperation.Withdraw
            ? new PushCall(HttpMethod.Patch, [owner.CountryCode, owner.PartyId, current.ObjectId], Invalidation(current), AbsentIsDone: true)
            : new PushCall(HttpMethod.Put, [owner.CountryCode, owner.PartyId, current.ObjectId], JsonNode.Parse(current.Document));

    public async Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct)
    {
        if (current is null) return;
        var scope = new ObjectScope(Module, targetPartyId, ObjectSide.Received);
        if (delivery.Operation != PushOperation.Withdraw)
        {
            await objects.SaveAsync(scope, owner.Key, current.ObjectId, current.LastUpdated, current.Document, ct, audienceKey: current.AudienceKey);
            return;
        }
        if (await objects.FindAsync(scope, owner.Key, current.ObjectId, ct) is not { } held) return;
        var document = JsonNode.Parse(held.Document)!.AsObject();
        OcpiDocument.Merge(document, Invalidation(current));
        await objects.SaveAsync(scope, owner.Key, current.ObjectId, current.LastUpdated, OcpiDocument.Serialize(document), ct, audienceKey: held.AudienceKey);
    }

    private static JsonObject Invalidation(StoredObject current) => new()
    {
        ["status"] = nameof(SessionStatus.INVALID),
        ["last_updated"] = JsonNode.Parse(current.Document)!["last_updated"]?.DeepClone(),
    };
}
