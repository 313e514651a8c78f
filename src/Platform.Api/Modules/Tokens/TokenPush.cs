using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens;

/// <summary>A hosted eMSP's token reaches its CPO peers as a PUT of its current state (2.2.1 mod_tokens push).</summary>
public sealed class TokenPush(OcpiObjectStore objects) : IPushModule
{
    private static readonly HashSet<Role> Receivers = [Role.CPO];

    public bool Broadcastable => true;

    public string Module => ModuleIds.Tokens;

    public IReadOnlySet<Role> TargetRoles => Receivers;

    public ValueTask<bool> MayReceiveAsync(long hostedPartyId, StoredObject current, string targetKey, CancellationToken ct) => ValueTask.FromResult(true);

    public PushCall? BuildCall(Delivery delivery, PartyRef owner, StoredObject? current)
    {
        if (current is null) return null;
        var token = current.Root;
        return new PushCall(HttpMethod.Put, [owner.CountryCode, owner.PartyId, token.GetProperty("uid").GetString()!], token,
            $"?type={Uri.EscapeDataString(token.GetProperty("type").GetString()!)}");
    }

    public Task ApplyInternallyAsync(Delivery delivery, PartyRef owner, StoredObject? current, long targetPartyId, CancellationToken ct) =>
        current is null
            ? Task.CompletedTask
            : objects.SaveAsync(new ObjectScope(Module, targetPartyId, ObjectSide.Received), owner.Key, current.ObjectId, current.LastUpdated, current.Document, ct);
}
