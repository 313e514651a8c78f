using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens;

public sealed record TokenWritten(bool Created, JsonObject Token);

/// <summary>
/// PUT and PATCH of a token, the same whether an eMSP pushes to a hosted CPO or a hosted eMSP's back office writes
/// its own. Tokens are never deleted (valid=false). An eMSP's own change records an outbox entry for its CPO peers.
/// </summary>
public sealed class TokenWrites(OcpiObjectStore objects, Outbox outbox)
{
    public async Task<TokenWritten> PutAsync(ObjectScope scope, PartyRef owner, TokenKey key, Token token, CancellationToken ct)
    {
        var existing = await objects.FindAsync(scope, owner.Key, key.ObjectId, ct);
        var document = OcpiDocument.ToObject(token with { Type = key.Type });
        await SaveAsync(scope, owner, key, document, ct);
        return new TokenWritten(existing is null, document);
    }

    public async Task<TokenWritten> PatchAsync(ObjectScope scope, PartyRef owner, TokenKey key, Token patch, CancellationToken ct,
        System.Text.Json.Nodes.JsonObject? sent = null)
    {
        var stored = await objects.FindAsync(scope, owner.Key, key.ObjectId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"Unknown token {key}: PUT the whole token first");
        var document = JsonNode.Parse(stored.Document)!.AsObject();
        OcpiDocument.Merge(document, OcpiDocument.Delta(patch, sent));
        await SaveAsync(scope, owner, key, document, ct);
        return new TokenWritten(false, document);
    }

    private async Task SaveAsync(ObjectScope scope, PartyRef owner, TokenKey key, JsonObject document, CancellationToken ct)
    {
        await objects.SaveAsync(scope, owner.Key, key.ObjectId, OcpiDocument.LastUpdated(document), OcpiDocument.Serialize(document), ct);
        if (scope.Side == ObjectSide.Own)
            await outbox.AddAsync(scope.HostedPartyId, ModuleIds.Tokens, CiString.Key(key.ObjectId), PushOperation.Put, null, ct);
    }
}
