using System.Text.Json;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Tenancy;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Sessions;

/// <summary>Stores a session pulled from a CPO for a hosted eMSP, unless invalid, another owner's, or older than ours.</summary>
public sealed class SessionPull(OcpiObjectStore objects, ILogger<SessionPull> logger) : IPullModule
{
    public string Module => ModuleIds.Sessions;
    public string OwnerRole => "CPO";
    public string ReceiverRole => "EMSP";

    public async Task<PullOutcome> StoreAsync(long hostedPartyId, PartyRef owner, JsonElement item, CancellationToken ct)
    {
        Session? session;
        try { session = item.Deserialize<Session>(OcpiJson.Options); }
        catch (JsonException e) { return Invalid($"unreadable session: {e.Message}"); }
        if (session is null) return Invalid("null session");
        var result = WireValidators.Put<Session>().Validate(session);
        if (!result.IsValid) return Invalid($"session {session.Id}: {OcpiValidation.Describe(result)}");
        if (!CiString.Equal(session.CountryCode, owner.CountryCode) || !CiString.Equal(session.PartyId, owner.PartyId))
            return Invalid($"session {session.Id} belongs to {session.CountryCode}*{session.PartyId}, not {owner}");

        var scope = new ObjectScope(Module, hostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, owner.Key, session.Id!, ct);
        if (stored is not null && stored.LastUpdated > session.LastUpdated) return PullOutcome.Unchanged;
        var document = OcpiDocument.ToObject(session);
        await objects.SaveAsync(scope, owner.Key, session.Id!, session.LastUpdated!.Value, OcpiDocument.Serialize(document), ct,
            audienceKey: SessionWrites.AudienceOf(document));
        return PullOutcome.Stored;
    }

    private PullOutcome Invalid(string why)
    {
        logger.LogWarning("Pulled session skipped: {Reason}", why);
        return PullOutcome.Invalid;
    }
}
