using FluentValidation;
using Platform.Ocpi.Model.Locations;

namespace Platform.Ocpi.Validation.Locations;

/// <summary>2.2.1 mod_locations §Hours.</summary>
public sealed class HoursValidator : AbstractValidator<Hours>
{
    public HoursValidator()
    {
        RuleFor(x => x.Twentyfourseven).Required();
        // The Hours table marks regular_hours "*", but its description makes it required when not 24/7.
        RuleFor(x => x.RegularHours).Must(l => l is { Count: > 0 }).When(x => x.Twentyfourseven == false)
            .WithMessage("is required when twentyfourseven is false");
        RuleFor(x => x.RegularHours).NoNullElements();
        RuleForEach(x => x.RegularHours).SetValidator(new RegularHoursValidator());
        RuleFor(x => x.ExceptionalOpenings).NoNullElements();
        RuleForEach(x => x.ExceptionalOpenings).SetValidator(new ExceptionalPeriodValidator());
        RuleFor(x => x.ExceptionalClosings).NoNullElements();
        RuleForEach(x => x.ExceptionalClosings).SetValidator(new ExceptionalPeriodValidator());
    }
}

/// <summary>2.2.1 mod_locations §RegularHours: local "HH:MM", end later than begin, weekday int(1) 1..7.</summary>
public sealed class RegularHoursValidator : AbstractValidator<RegularHours>
{
    public RegularHoursValidator()
    {
        RuleFor(x => x.Weekday).Required().InclusiveBetween(1, 7).WithMessage("must be 1 (Monday) to 7 (Sunday)");
        RuleFor(x => x.PeriodBegin).RequiredText().LocalTime();
        RuleFor(x => x.PeriodEnd).RequiredText().LocalTime()
            // "HH:MM" strings order like the times they name. A period past midnight needs two entries.
            .Must((h, end) => !OcpiRules.IsLocalTime(end) || !OcpiRules.IsLocalTime(h.PeriodBegin)
                              || string.CompareOrdinal(end, h.PeriodBegin) > 0)
            .WithMessage("must be later than period_begin");
    }
}

/// <summary>2.2.1 mod_locations §ExceptionalPeriod (UTC).</summary>
public sealed class ExceptionalPeriodValidator : AbstractValidator<ExceptionalPeriod>
{
    public ExceptionalPeriodValidator()
    {
        RuleFor(x => x.PeriodBegin).Required();
        RuleFor(x => x.PeriodEnd).Required()
            .Must((p, end) => end is null || p.PeriodBegin is null || end > p.PeriodBegin).WithMessage("must be after period_begin");
    }
}
