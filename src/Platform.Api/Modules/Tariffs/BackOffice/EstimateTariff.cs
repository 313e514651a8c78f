using System.Text.Json;
using Platform.Api.Admin;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Pricing;

namespace Platform.Api.Modules.Tariffs.BackOffice;

/// <summary>
/// A planned session: charging from <c>start_date_time</c> for <c>duration_minutes</c> until <c>energy_kwh</c> is in,
/// then <c>parking_minutes</c> parked; <c>max_power_kw</c> is the power that power restrictions see (default: the
/// average). <c>time_zone</c> (optional) overrides the zone of the tariff's location.
/// </summary>
public sealed record EstimateBody
{
    public DateTime? StartDateTime { get; init; }
    public decimal? EnergyKwh { get; init; }
    public decimal? DurationMinutes { get; init; }
    public decimal? ParkingMinutes { get; init; }
    public decimal? MaxPowerKw { get; init; }
    public string? TimeZone { get; init; }
}

/// <summary>
/// What a session would cost under a tariff (ADMIN-API.md "estimate"): an eMSP's copy of a CPO's tariff
/// (<c>emsp/tariffs/{cc}/{pid}/{id}/estimate</c>) or a CPO's own (<c>cpo/tariffs/{id}/estimate</c>), in the current
/// version, as the cost breakdown with the explanation of each line.
/// </summary>
public sealed record EstimateTariff(PartyRef Party, Role As, PartyRef? Owner, string TariffId, EstimateBody Body) : IRequest<JsonNode>;

public sealed class EstimateTariffValidator : AbstractValidator<EstimateTariff>
{
    public EstimateTariffValidator()
    {
        RuleFor(r => r.Body.StartDateTime).NotNull().OverridePropertyName("start_date_time");
        RuleFor(r => r.Body.EnergyKwh).NotNull().GreaterThanOrEqualTo(0).OverridePropertyName("energy_kwh");
        RuleFor(r => r.Body.DurationMinutes).NotNull().InclusiveBetween(0, 60 * 24 * 31).OverridePropertyName("duration_minutes");
        RuleFor(r => r.Body.ParkingMinutes).InclusiveBetween(0, 60 * 24 * 31).OverridePropertyName("parking_minutes");
        RuleFor(r => r.Body.MaxPowerKw).GreaterThan(0).OverridePropertyName("max_power_kw");
        RuleFor(r => r.Body.TimeZone).Must(z => z is null || TariffLookup.Zone(z) is not null)
            .WithMessage("time_zone must be an IANA time zone such as Europe/Amsterdam").OverridePropertyName("time_zone");
    }
}

public sealed class EstimateTariffHandler(BackOfficeParties parties, TariffLookup tariffs) : IRequestHandler<EstimateTariff, JsonNode>
{
    public async ValueTask<JsonNode> Handle(EstimateTariff request, CancellationToken ct)
    {
        var party = await parties.ResolveAsync(request.Party.CountryCode, request.Party.PartyId, request.As, ct);
        var (side, owner) = request.As == Role.CPO ? (ObjectSide.Own, new PartyRef(party.CountryCode, party.PartyId)) : (ObjectSide.Received, request.Owner!);
        var tariff = await tariffs.CurrentAsync(party.Id, side, owner.Key, request.TariffId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"{party.Key} holds no tariff {request.TariffId} of {owner}");

        var body = request.Body;
        var (zone, zoneSource) = TariffLookup.Zone(body.TimeZone) is { } given ? (given, "request")
            : await tariffs.LocationOfTariffAsync(party.Id, side, owner.Key, request.TariffId, ct) is { } found ? (found.Zone, $"location {found.LocationId}")
            : (TimeZoneInfo.Utc, "UTC: no location lists this tariff");
        var start = DateTime.SpecifyKind(body.StartDateTime!.Value, DateTimeKind.Utc);
        var profile = new UsageProfile(start, body.EnergyKwh!.Value, body.DurationMinutes!.Value, body.ParkingMinutes ?? 0, body.MaxPowerKw);
        var cost = TariffCalculator.Price(new PricingInput { Periods = profile.Periods(tariff, zone), TimeZone = zone });
        return Describe(tariff, zone, zoneSource, cost);
    }

    private static JsonObject Describe(Tariff tariff, TimeZoneInfo zone, string zoneSource, CostBreakdown cost)
    {
        JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, OcpiJson.Options);
        var result = new JsonObject
        {
            ["tariff"] = new JsonObject
            {
                ["country_code"] = tariff.CountryCode, ["party_id"] = tariff.PartyId, ["id"] = tariff.Id, ["last_updated"] = Node(tariff.LastUpdated),
            },
            ["currency"] = cost.Currency,
            ["time_zone"] = zone.Id,
            ["time_zone_from"] = zoneSource,
            ["total_cost"] = Node(cost.Total),
            ["total_before_limits"] = Node(cost.TotalBeforeLimits),
            ["limit"] = cost.Limit,
        };
        foreach (var (field, bucket) in new[] { ("total_fixed_cost", CostBucket.Fixed), ("total_energy_cost", CostBucket.Energy),
                     ("total_time_cost", CostBucket.Time), ("total_parking_cost", CostBucket.Parking), ("total_reservation_cost", CostBucket.Reservation) })
            result[field] = Node(cost.Of(bucket));
        result["total_energy"] = Math.Round(cost.TotalEnergyKwh, 3);
        result["total_time"] = Math.Round(cost.TotalChargingHours + cost.TotalParkingHours, 4);
        result["total_parking_time"] = Math.Round(cost.TotalParkingHours, 4);
        result["lines"] = Node(cost.Lines);
        result["notes"] = Node(cost.Notes);
        return result;
    }
}
