using System.Text.Json;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Modules.Sessions;
using Platform.Api.Tenancy;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Cdrs;

/// <summary>Stores a CDR pulled from a CPO for a hosted eMSP, once: a CDR already held is never replaced.</summary>
public sealed class CdrPull(OcpiObjectStore objects, ILogger<CdrPull> logger) : IPullModule
{
    public string Module => ModuleIds.Cdrs;
    public string OwnerRole => "CPO";
    public string ReceiverRole => "EMSP";

    public async Task<PullOutcome> StoreAsync(long hostedPartyId, PartyRef owner, JsonElement item, CancellationToken ct)
    {
        Cdr? cdr;
        try { cdr = item.Deserialize<Cdr>(OcpiJson.Options); }
        catch (JsonException e) { return Invalid($"unreadable CDR: {e.Message}"); }
        if (cdr is null) return Invalid("null CDR");
        var result = WireValidators.Put<Cdr>().Validate(cdr);
        if (!result.IsValid) return Invalid($"CDR {cdr.Id}: {OcpiValidation.Describe(result)}");
        if (!CiString.Equal(cdr.CountryCode, owner.CountryCode) || !CiString.Equal(cdr.PartyId, owner.PartyId))
            return Invalid($"CDR {cdr.Id} belongs to {cdr.CountryCode}*{cdr.PartyId}, not {owner}");

        var scope = new ObjectScope(Module, hostedPartyId, ObjectSide.Received);
        if (await objects.FindAsync(scope, owner.Key, cdr.Id!, ct) is not null) return PullOutcome.Unchanged;
        var document = OcpiDocument.ToObject(cdr);
        await objects.SaveAsync(scope, owner.Key, cdr.Id!, OcpiDocument.LastUpdated(document), OcpiDocument.Serialize(document), ct,
            audienceKey: SessionWrites.AudienceOf(document));
        return PullOutcome.Stored;
    }

    private PullOutcome Invalid(string why)
    {
        logger.LogWarning("Pulled CDR skipped: {Reason}", why);
        return PullOutcome.Invalid;
    }
}
