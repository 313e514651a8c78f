using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs;

/// <summary>
/// What pricing needs from one party's copy of a CPO's data: the versions of a tariff it held, and the time zone of
/// a location (tariff restrictions are local to it). Every read is scoped to the hosted party and side.
/// </summary>
public sealed class TariffLookup(OcpiObjectStore objects)
{
    public async Task<IReadOnlyList<Tariff>> VersionsAsync(long partyId, string side, string ownerKey, string tariffId, CancellationToken ct)
    {
        var documents = await objects.VersionsAsync(new ObjectScope(ModuleIds.Tariffs, partyId, side), ownerKey, tariffId, ct);
        return documents.Select(d => OcpiJson.Deserialize<Tariff>(d)).OfType<Tariff>().ToList();
    }

    public async Task<Tariff?> CurrentAsync(long partyId, string side, string ownerKey, string tariffId, CancellationToken ct)
    {
        var stored = await objects.FindAsync(new ObjectScope(ModuleIds.Tariffs, partyId, side), ownerKey, tariffId, ct);
        return stored is null ? null : OcpiJson.Deserialize<Tariff>(stored.Document);
    }

    /// <summary>The location's time_zone, or null when the location or its zone is unknown here.</summary>
    public async Task<TimeZoneInfo?> TimeZoneAsync(long partyId, string side, string ownerKey, string locationId, CancellationToken ct)
    {
        var stored = await objects.FindAsync(new ObjectScope(ModuleIds.Locations, partyId, side), ownerKey, locationId, ct);
        return stored is null ? null : Zone((string?)JsonNode.Parse(stored.Document)?["time_zone"]);
    }

    /// <summary>The time zone of the first location of the owner whose connectors list the tariff, if any.</summary>
    public async Task<(string LocationId, TimeZoneInfo Zone)?> LocationOfTariffAsync(long partyId, string side, string ownerKey, string tariffId, CancellationToken ct)
    {
        var page = await objects.PageAsync(new ObjectScope(ModuleIds.Locations, partyId, side), new ObjectFilter(OwnerKey: ownerKey), 0, 1000, ct);
        foreach (var document in page.Documents)
        {
            var root = JsonNode.Parse(document);
            var lists = root?["evses"]?.AsArray().SelectMany(e => e?["connectors"]?.AsArray() ?? []).Select(c => c?["tariff_ids"]?.AsArray());
            if (lists?.Any(ids => ids?.Any(id => CiString.Equal((string?)id, tariffId)) == true) == true && Zone((string?)root?["time_zone"]) is { } zone)
                return ((string)root!["id"]!, zone);
        }
        return null;
    }

    public static TimeZoneInfo? Zone(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    /// <summary>Whether any element depends on local time (a window, date or weekday), so that the time zone matters.</summary>
    public static bool IsLocal(Tariff tariff) => (tariff.Elements ?? []).Any(e => e.Restrictions is { } r
        && (r.StartTime is not null || r.EndTime is not null || r.StartDate is not null || r.EndDate is not null || r.DayOfWeek is { Count: > 0 }));
}
