using FluentValidation;
using Platform.Ocpi.Model.ChargingProfiles;

namespace Platform.Ocpi.Validation.ChargingProfiles;

/// <summary>2.2.1 mod_charging_profiles §ChargingProfile. Rates and limits accept at most one decimal.</summary>
public sealed class ChargingProfileValidator : AbstractValidator<ChargingProfile>
{
    public ChargingProfileValidator()
    {
        RuleFor(x => x.Duration).NotNegative();
        RuleFor(x => x.ChargingRateUnit).Required().Defined();
        RuleFor(x => x.MinChargingRate).NotNegative().OneDecimal();
        RuleFor(x => x.ChargingProfilePeriod).NoNullElements();
        RuleForEach(x => x.ChargingProfilePeriod).SetValidator(new ChargingProfilePeriodValidator());
    }
}

/// <summary>2.2.1 mod_charging_profiles §ChargingProfilePeriod.</summary>
public sealed class ChargingProfilePeriodValidator : AbstractValidator<ChargingProfilePeriod>
{
    public ChargingProfilePeriodValidator()
    {
        RuleFor(x => x.StartPeriod).Required().NotNegative();
        RuleFor(x => x.Limit).Required().NotNegative().OneDecimal();
    }
}

/// <summary>2.2.1 mod_charging_profiles §SetChargingProfile.</summary>
public sealed class SetChargingProfileValidator : AbstractValidator<SetChargingProfile>
{
    public SetChargingProfileValidator()
    {
        RuleFor(x => x.ChargingProfile).Required().SetValidator(new ChargingProfileValidator()!);
        RuleFor(x => x.ResponseUrl).RequiredText().OcpiUrl();
    }
}

/// <summary>2.2.1 mod_charging_profiles §ActiveChargingProfile.</summary>
public sealed class ActiveChargingProfileValidator : AbstractValidator<ActiveChargingProfile>
{
    public ActiveChargingProfileValidator()
    {
        RuleFor(x => x.StartDateTime).Required();
        RuleFor(x => x.ChargingProfile).Required().SetValidator(new ChargingProfileValidator()!);
    }
}
