using System.Text.Json;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Tenancy;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// Stores a location pulled from a CPO's Sender interface for a hosted eMSP, unless it is invalid, belongs to
/// another owner, or is older than the copy a push already brought.
/// </summary>
public sealed class LocationPull(OcpiObjectStore objects, ILogger<LocationPull> logger) : IPullModule
{
    public string Module => ModuleIds.Locations;
    public string OwnerRole => "CPO";
    public string ReceiverRole => "EMSP";

    public async Task<PullOutcome> StoreAsync(long hostedPartyId, PartyRef owner, JsonElement item, CancellationToken ct)
    {
        Location? location;
        try { location = item.Deserialize<Location>(OcpiJson.Options); }
        catch (JsonException e) { return Invalid($"unreadable location: {e.Message}"); }
        if (location is null) return Invalid("null location");
        var result = WireValidators.Put<Location>().Validate(location);
        if (!result.IsValid) return Invalid($"location {location.Id}: {OcpiValidation.Describe(result)}");
        if (!CiString.Equal(location.CountryCode, owner.CountryCode) || !CiString.Equal(location.PartyId, owner.PartyId))
            return Invalid($"location {location.Id} belongs to {location.CountryCode}*{location.PartyId}, not {owner}");

        var scope = new ObjectScope(Module, hostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, owner.Key, location.Id!, ct);
        if (stored is not null && stored.LastUpdated > location.LastUpdated) return PullOutcome.Unchanged;
        var document = LocationDocument.From(location);
        await objects.SaveAsync(scope, owner.Key, location.Id!, document.LastUpdated, document.Json, ct, document.Published, document.Listed);
        return PullOutcome.Stored;
    }

    private PullOutcome Invalid(string why)
    {
        logger.LogWarning("Pulled location skipped: {Reason}", why);
        return PullOutcome.Invalid;
    }
}
