using Platform.Api.Modules.Locations;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Pricing;

namespace Platform.Api.Modules.Tariffs;

/// <summary>The tariff that prices a session at one connector, and the time zone its restrictions are read in.</summary>
public sealed record ConnectorTariff(Tariff? Tariff, TimeZoneInfo Zone, string? Why);

/// <summary>
/// Prices a hosted CPO's CDR from the tariffs of its connector, as any <c>IChargePointGateway</c> should before it
/// records the CDR: the first of the connector's tariff_ids in force at session start (<see cref="TariffChoice"/>),
/// in the location's time zone. The CDR then carries real costs, the tariff in <c>tariffs</c> and its id on every period.
/// </summary>
public sealed class CdrPricer(OcpiObjectStore objects, TariffLookup tariffs)
{
    public async Task<ConnectorTariff> ForConnectorAsync(long cpoPartyId, PartyRef cpo, string locationId, string evseUid, string connectorId,
        DateTime start, CancellationToken ct)
    {
        var stored = await objects.FindAsync(new ObjectScope(ModuleIds.Locations, cpoPartyId, ObjectSide.Own), cpo.Key, locationId, ct);
        if (stored is null) return new(null, TimeZoneInfo.Utc, $"location {locationId} is unknown");
        var location = LocationDocument.Read(stored);
        var zone = TariffLookup.Zone((string?)location.Root["time_zone"]) ?? TimeZoneInfo.Utc;
        var ids = (location.Connector(evseUid, connectorId)?["tariff_ids"] as JsonArray)?.Select(n => (string?)n).OfType<string>().ToList() ?? [];
        foreach (var id in ids)
            if (TariffChoice.InForce(await tariffs.VersionsAsync(cpoPartyId, ObjectSide.Own, cpo.Key, id, ct), start) is { } tariff)
                return new(tariff, zone, null);
        return new(null, zone, ids.Count == 0 ? "the connector lists no tariff" : $"none of the connector's tariffs ({string.Join(", ", ids)}) is in force");
    }

    /// <summary>The CDR priced with <paramref name="tariff"/>: periods that name no tariff get its id.</summary>
    public static Cdr Price(Cdr cdr, Tariff tariff, TimeZoneInfo zone)
    {
        var named = cdr with { ChargingPeriods = CdrPricing.WithTariff(cdr.ChargingPeriods ?? [], tariff.Id!), Tariffs = [tariff] };
        return CdrPricing.Apply(named, CdrPricing.Price(named, [tariff], zone), [tariff]);
    }

    /// <summary>Prices the CDR from the tariffs of the connector it names; unchanged when no tariff applies.</summary>
    public async Task<Cdr> PriceAsync(long cpoPartyId, PartyRef cpo, Cdr cdr, CancellationToken ct)
    {
        var at = cdr.CdrLocation;
        if (at?.Id is null || at.EvseUid is null || at.ConnectorId is null || cdr.StartDateTime is null) return cdr;
        var choice = await ForConnectorAsync(cpoPartyId, cpo, at.Id, at.EvseUid, at.ConnectorId, cdr.StartDateTime.Value, ct);
        return choice.Tariff is null ? cdr : Price(cdr, choice.Tariff, choice.Zone);
    }

    /// <summary>
    /// Charging periods for a session that charged <paramref name="kwh"/> at an even rate from start to end, cut where
    /// the tariff's elements can switch (2.2.1 mod_cdrs: a new period at every event relevant to cost).
    /// </summary>
    public static IReadOnlyList<ChargingPeriod> EvenPeriods(DateTime start, DateTime end, decimal kwh, decimal powerKw, Tariff? tariff, TimeZoneInfo zone)
    {
        var minutes = (decimal)(end - start).TotalMinutes;
        var profile = new UsageProfile(start, kwh, minutes, 0, powerKw);
        var periods = tariff is null
            ? [new UsagePeriod { Start = start, End = end, EnergyKwh = kwh, ChargingHours = minutes / 60m }]
            : profile.Periods(tariff, zone);
        return periods.Select(p => new ChargingPeriod
        {
            StartDateTime = p.Start, TariffId = tariff?.Id,
            Dimensions =
            [
                new CdrDimension { Type = CdrDimensionType.ENERGY, Volume = Math.Round(p.EnergyKwh, 3) },
                new CdrDimension { Type = CdrDimensionType.TIME, Volume = Math.Round(p.ChargingHours, 6) },
                new CdrDimension { Type = CdrDimensionType.MAX_POWER, Volume = powerKw },
            ],
        }).ToList();
    }
}
