using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Pricing;

/// <summary>
/// The cost engine: pure, decimal throughout. Rules (2.2.1 mod_tariffs, mod_cdrs; digest §4.3, §4.4, seeds F2–F4):
/// <list type="bullet">
/// <item>Per period and dimension, the first element in list order with a component of that dimension whose
/// restrictions all hold (F2). Session dimensions use elements without a <c>reservation</c> restriction; reservation
/// time and fee use elements with one (RESERVATION_EXPIRES first when the reservation expired).</item>
/// <item>FLAT is charged once per session (and the reservation's FLAT once per reservation), from the first period
/// where an element with a FLAT component applies.</item>
/// <item><c>step_size</c> is applied once, to the session total of the priced volume: ENERGY on its own, TIME and
/// PARKING_TIME together, reservation time on its own, always with the step of the last component that priced
/// some of it; the rounded-up extra is billed at that component's price (F3). Periods are billed exactly.</item>
/// <item><c>min_price</c>/<c>max_price</c> of the session's (first) tariff bound the total excl. VAT and the total
/// incl. VAT independently (F4).</item>
/// <item>A component without <c>vat</c> adds no VAT (incl. = excl.).</item>
/// </list>
/// </summary>
public static class TariffCalculator
{
    private const decimal SecondsPerHour = 3600m;

    public static CostBreakdown Price(PricingInput input)
    {
        var run = new Run(input);
        run.PriceAll();
        return run.Result();
    }

    private sealed record Applied(Tariff Tariff, int Element, PriceComponent Component);

    private sealed class Run(PricingInput input)
    {
        private readonly List<CostLine> _lines = [];
        private readonly List<string> _notes = [];
        private decimal _energySoFar, _pricedEnergyKwh, _pricedTimeSeconds, _pricedReservationSeconds;
        private decimal _totalEnergy, _totalCharging, _totalParking, _totalReservation;
        private Applied? _lastEnergy, _lastTime, _lastReservation;
        private bool _flatCharged, _reservationFlatCharged;
        private Tariff? _first;

        public void PriceAll()
        {
            var periods = input.Periods.OrderBy(p => p.Start).ToList();
            var chargingStart = periods.FirstOrDefault(p => !p.IsReservation)?.Start ?? periods.FirstOrDefault()?.Start ?? default;
            foreach (var period in periods)
            {
                var energy = Math.Max(0, period.EnergyKwh);
                _totalEnergy += energy;
                _totalCharging += Math.Max(0, period.ChargingHours);
                _totalParking += Math.Max(0, period.ParkingHours);
                _totalReservation += Math.Max(0, period.ReservationHours);
                if (period.Tariff is { } tariff)
                {
                    _first ??= tariff;
                    if (!string.Equals(tariff.Currency, _first.Currency, StringComparison.OrdinalIgnoreCase))
                        _notes.Add($"tariff {tariff.Id} is in {tariff.Currency}, the session in {_first.Currency}: its amounts are added as they are");
                    var state = new RestrictionState(TimeZoneInfo.ConvertTimeFromUtc(Utc(period.Start), input.TimeZone),
                        // Rounded so that a threshold reached by summing periods is not missed by a hair.
                        Math.Round(_energySoFar, 6), Math.Round((decimal)Math.Max(0, (period.Start - chargingStart).TotalSeconds), 3),
                        period.PowerKw, period.CurrentA);
                    if (period.ReservationHours > 0) PriceReservation(period, tariff, state);
                    if (!period.IsReservation) PriceSession(period, tariff, state, energy);
                }
                _energySoFar += energy;
            }
            ApplyStep(_lastEnergy, _pricedEnergyKwh * 1000m, CostBucket.Energy, "Wh", 1000m);
            ApplyStep(_lastTime, _pricedTimeSeconds, null, "s", SecondsPerHour);
            ApplyStep(_lastReservation, _pricedReservationSeconds, CostBucket.Reservation, "s", SecondsPerHour);
        }

        private void PriceReservation(UsagePeriod period, Tariff tariff, RestrictionState state)
        {
            ReservationRestrictionType?[] kinds = input.ReservationExpired
                ? [ReservationRestrictionType.RESERVATION_EXPIRES, ReservationRestrictionType.RESERVATION]
                : [ReservationRestrictionType.RESERVATION];
            if (!_reservationFlatCharged && Find(tariff, TariffDimensionType.FLAT, kinds, state) is { } fee)
            {
                _reservationFlatCharged = true;
                Add(period, fee, CostBucket.Reservation, 1, "", "reservation fee");
            }
            var seconds = Seconds(period.ReservationHours);
            if (seconds > 0 && Find(tariff, TariffDimensionType.TIME, kinds, state) is { } time)
            {
                Add(period, time, CostBucket.Reservation, seconds / SecondsPerHour, "h", "reservation time");
                _pricedReservationSeconds += seconds;
                _lastReservation = time;
            }
        }

        private void PriceSession(UsagePeriod period, Tariff tariff, RestrictionState state, decimal energy)
        {
            ReservationRestrictionType?[] session = [null];
            if (!_flatCharged && Find(tariff, TariffDimensionType.FLAT, session, state) is { } flat)
            {
                _flatCharged = true;
                Add(period, flat, CostBucket.Fixed, 1, "", "flat fee, once per session");
            }
            if (energy > 0 && Find(tariff, TariffDimensionType.ENERGY, session, state) is { } perKwh)
            {
                Add(period, perKwh, CostBucket.Energy, energy, "kWh", "energy");
                _pricedEnergyKwh += energy;
                _lastEnergy = perKwh;
            }
            var charging = Seconds(period.ChargingHours);
            if (charging > 0 && Find(tariff, TariffDimensionType.TIME, session, state) is { } perHour)
            {
                Add(period, perHour, CostBucket.Time, charging / SecondsPerHour, "h", "charging time");
                _pricedTimeSeconds += charging;
                _lastTime = perHour;
            }
            var parking = Seconds(period.ParkingHours);
            if (parking > 0 && Find(tariff, TariffDimensionType.PARKING_TIME, session, state) is { } perParkingHour)
            {
                // Parking follows charging within a period, so its component is the last relevant one for the step.
                Add(period, perParkingHour, CostBucket.Parking, parking / SecondsPerHour, "h", "parking time");
                _pricedTimeSeconds += parking;
                _lastTime = perParkingHour;
            }
        }

        /// <summary>F3: the session total of a volume rounded up to the last relevant component's step; the extra billed at its price.</summary>
        private void ApplyStep(Applied? last, decimal pricedUnits, CostBucket? bucket, string stepUnit, decimal unitsPerBilled)
        {
            if (last is null || last.Component.StepSize is not > 1) return;
            var step = (decimal)last.Component.StepSize.Value;
            var units = Math.Round(pricedUnits, 3);
            var billed = Math.Ceiling(units / step) * step;
            var extra = billed - units;
            if (extra <= 0) return;
            var target = bucket ?? (last.Component.Type == TariffDimensionType.PARKING_TIME ? CostBucket.Parking : CostBucket.Time);
            var unit = target == CostBucket.Energy ? "kWh" : "h";
            _lines.Add(Line(_lines.LastOrDefault()?.PeriodStart ?? default, last, target, extra / unitsPerBilled, unit,
                $"step_size {last.Component.StepSize} {stepUnit}: session total {units:0.###} {stepUnit} billed as {billed:0.###} {stepUnit}"));
        }

        private void Add(UsagePeriod period, Applied applied, CostBucket bucket, decimal volume, string unit, string what) =>
            _lines.Add(Line(period.Start, applied, bucket, volume, unit, $"{what}: element {applied.Element} of tariff {applied.Tariff.Id}"));

        private static CostLine Line(DateTime at, Applied applied, CostBucket bucket, decimal volume, string unit, string note)
        {
            var price = applied.Component.Price ?? 0;
            var excl = volume * price;
            var incl = applied.Component.Vat is { } vat ? excl * (1 + vat / 100m) : excl;
            return new CostLine(at, applied.Tariff.Id, applied.Element, applied.Component.Type!.Value, bucket, volume, unit, price,
                applied.Component.Vat, excl, incl, note);
        }

        /// <summary>F2: the first element, in list order, with a component of the dimension whose restrictions hold.</summary>
        private static Applied? Find(Tariff tariff, TariffDimensionType dimension, IEnumerable<ReservationRestrictionType?> kinds, RestrictionState state)
        {
            var elements = tariff.Elements ?? [];
            foreach (var kind in kinds)
                for (var i = 0; i < elements.Count; i++)
                {
                    var element = elements[i];
                    if (element.Restrictions?.Reservation != kind) continue;
                    var component = element.PriceComponents?.FirstOrDefault(c => c.Type == dimension);
                    if (component is not null && RestrictionCheck.Holds(element.Restrictions, state)) return new Applied(tariff, i, component);
                }
            return null;
        }

        public CostBreakdown Result()
        {
            var currency = _first?.Currency;
            Price Sum(Func<CostLine, bool> which) =>
                new() { ExclVat = Money.Round(_lines.Where(which).Sum(l => l.ExclVat), currency), InclVat = Money.Round(_lines.Where(which).Sum(l => l.InclVat), currency) };
            var excl = _lines.Sum(l => l.ExclVat);
            var incl = _lines.Sum(l => l.InclVat);
            var (limitedExcl, limitedIncl, limit) = (excl, incl, (string?)null);
            if (_first?.MinPrice is { } min)
            {
                if (min.ExclVat is { } m && limitedExcl < m) (limitedExcl, limit) = (m, "min_price");
                if (min.InclVat is { } mi && limitedIncl < mi) (limitedIncl, limit) = (mi, "min_price");
            }
            if (_first?.MaxPrice is { } max)
            {
                if (max.ExclVat is { } m && limitedExcl > m) (limitedExcl, limit) = (m, "max_price");
                if (max.InclVat is { } mi && limitedIncl > mi) (limitedIncl, limit) = (mi, "max_price");
            }
            if (_first is null) _notes.Add("no period has a tariff: nothing to price");
            return new CostBreakdown
            {
                Currency = currency,
                Lines = _lines,
                Total = new Price { ExclVat = Money.Round(limitedExcl, currency), InclVat = Money.Round(limitedIncl, currency) },
                TotalBeforeLimits = new Price { ExclVat = Money.Round(excl, currency), InclVat = Money.Round(incl, currency) },
                Limit = limit,
                Fixed = Sum(l => l.Bucket == CostBucket.Fixed),
                Energy = Sum(l => l.Bucket == CostBucket.Energy),
                Time = Sum(l => l.Bucket == CostBucket.Time),
                Parking = Sum(l => l.Bucket == CostBucket.Parking),
                Reservation = Sum(l => l.Bucket == CostBucket.Reservation),
                TotalEnergyKwh = _totalEnergy,
                TotalChargingHours = _totalCharging,
                TotalParkingHours = _totalParking,
                TotalReservationHours = _totalReservation,
                Used = _lines.Select(l => l.Bucket).ToHashSet(),
                Notes = _notes,
            };
        }

        /// <summary>Hours as seconds to the millisecond, so that 1/6 h is 600 s and not a hair more (which a step would round up).</summary>
        private static decimal Seconds(decimal hours) => hours <= 0 ? 0 : Math.Round(hours * SecondsPerHour, 3);

        private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : DateTime.SpecifyKind(t, DateTimeKind.Utc);
    }
}
