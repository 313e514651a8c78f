using System.Text.Json;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Tenancy;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Tariffs;

/// <summary>
/// Stores a tariff pulled from a CPO's Sender interface for a hosted eMSP, unless it is invalid, belongs to another
/// owner, or is older than the copy a push already brought.
/// </summary>
public sealed class TariffPull(OcpiObjectStore objects, ILogger<TariffPull> logger) : IPullModule
{
    public string Module => ModuleIds.Tariffs;
    public string OwnerRole => "CPO";
    public string ReceiverRole => "EMSP";

    public async Task<PullOutcome> StoreAsync(long hostedPartyId, PartyRef owner, JsonElement item, CancellationToken ct)
    {
        Tariff? tariff;
        try { tariff = item.Deserialize<Tariff>(OcpiJson.Options); }
        catch (JsonException e) { return Invalid($"unreadable tariff: {e.Message}"); }
        if (tariff is null) return Invalid("null tariff");
        var result = WireValidators.Put<Tariff>().Validate(tariff);
        if (!result.IsValid) return Invalid($"tariff {tariff.Id}: {OcpiValidation.Describe(result)}");
        if (!CiString.Equal(tariff.CountryCode, owner.CountryCode) || !CiString.Equal(tariff.PartyId, owner.PartyId))
            return Invalid($"tariff {tariff.Id} belongs to {tariff.CountryCode}*{tariff.PartyId}, not {owner}");

        var scope = new ObjectScope(Module, hostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, owner.Key, tariff.Id!, ct);
        if (stored is not null && stored.LastUpdated > tariff.LastUpdated) return PullOutcome.Unchanged;
        await objects.SaveAsync(scope, owner.Key, tariff.Id!, tariff.LastUpdated!.Value, OcpiJson.Serialize(tariff), ct);
        return PullOutcome.Stored;
    }

    private PullOutcome Invalid(string why)
    {
        logger.LogWarning("Pulled tariff skipped: {Reason}", why);
        return PullOutcome.Invalid;
    }
}
