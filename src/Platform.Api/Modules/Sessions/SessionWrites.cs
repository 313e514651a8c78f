using Platform.Api.Infrastructure.Outbox;
using Platform.Ocpi;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions;

/// <summary>A session as stored after a PUT or PATCH, and whether it is new.</summary>
public sealed record SessionWritten(bool Created, JsonObject Session);

/// <summary>
/// PUT and PATCH of a session, the same whether a CPO pushes to a hosted eMSP or a hosted CPO's charge-point side
/// feeds its own (2.2.1 mod_sessions): a PUT replaces everything, charging_periods included; a PATCH replaces the
/// fields it carries, except charging_periods, which it appends (S2). The session is for the token's eMSP only
/// (its audience). A CPO's own change records an outbox entry in the same transaction.
/// </summary>
public sealed class SessionWrites(OcpiObjectStore objects, Outbox outbox)
{
    public async Task<SessionWritten> PutAsync(ObjectScope scope, PartyRef owner, string sessionId, Session session, CancellationToken ct)
    {
        var existing = await objects.FindAsync(scope, owner.Key, sessionId, ct);
        var document = OcpiDocument.ToObject(session);
        await SaveAsync(scope, owner, sessionId, document, existing?.AudienceKey, ct);
        return new SessionWritten(existing is null, document);
    }

    public async Task<SessionWritten> PatchAsync(ObjectScope scope, PartyRef owner, string sessionId, Session patch, CancellationToken ct,
        System.Text.Json.Nodes.JsonObject? sent = null)
    {
        var stored = await objects.FindAsync(scope, owner.Key, sessionId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"Unknown session {sessionId}: PUT the whole session first");
        var document = JsonNode.Parse(stored.Document)!.AsObject();
        var wasPending = (string?)document["status"] == nameof(SessionStatus.PENDING);
        OcpiDocument.Merge(document, OcpiDocument.Delta(patch, sent), appendTo: "charging_periods");
        // 2.2.1 §Session object: start_date_time moves to the moment the session became ACTIVE (S4).
        if (scope.Side == ObjectSide.Own && wasPending && patch.Status == SessionStatus.ACTIVE && patch.StartDateTime is null)
            document["start_date_time"] = document["last_updated"]!.DeepClone();
        await SaveAsync(scope, owner, sessionId, document, stored.AudienceKey, ct);
        return new SessionWritten(false, document);
    }

    private async Task SaveAsync(ObjectScope scope, PartyRef owner, string sessionId, JsonObject document, string? audienceBefore, CancellationToken ct)
    {
        var audience = OcpiDocument.TokenOwner(document);
        await objects.SaveAsync(scope, owner.Key, sessionId, OcpiDocument.LastUpdated(document), OcpiDocument.Serialize(document), ct,
            audienceKey: audience);
        if (scope.Side != ObjectSide.Own) return;
        await outbox.AddAsync(scope.HostedPartyId, ModuleIds.Sessions, CiString.Key(sessionId), PushOperation.Put, null, ct);
        // The cdr_token moved to another eMSP's token (a back-office correction): the first eMSP holds a copy it will
        // never get a CDR for, and is told the session is INVALID for it (SessionPush), never whose it became.
        if (audienceBefore is not null && audienceBefore != audience)
            await outbox.AddAsync(scope.HostedPartyId, ModuleIds.Sessions, CiString.Key(sessionId), PushOperation.Withdraw, audienceBefore, ct);
    }
}
