using FluentValidation;
using Platform.Ocpi.Model.Tariffs;

namespace Platform.Ocpi.Validation.Tariffs;

/// <summary>
/// 2.2.1 mod_tariffs §TariffRestrictions. No order rule between start_time and end_time: an end before the start
/// wraps past midnight, and "00:00" as end means the end of the day.
/// </summary>
public sealed class TariffRestrictionsValidator : AbstractValidator<TariffRestrictions>
{
    public TariffRestrictionsValidator()
    {
        RuleFor(x => x.StartTime).OcpiString(5).LocalTime();
        RuleFor(x => x.EndTime).OcpiString(5).LocalTime();
        RuleFor(x => x.StartDate).OcpiString(10).LocalDate();
        RuleFor(x => x.EndDate).OcpiString(10).LocalDate();
        RuleFor(x => x.MinKwh).NotNegative();
        RuleFor(x => x.MaxKwh).NotNegative();
        RuleFor(x => x.MinCurrent).NotNegative();
        RuleFor(x => x.MaxCurrent).NotNegative();
        RuleFor(x => x.MinPower).NotNegative();
        RuleFor(x => x.MaxPower).NotNegative();
        RuleFor(x => x.MinDuration).NotNegative();
        RuleFor(x => x.MaxDuration).NotNegative();
        RuleForEach(x => x.DayOfWeek).Defined();
        RuleFor(x => x.Reservation).Defined();
    }
}
