using FluentValidation;
using Platform.Ocpi.Model.ChargingProfiles;

namespace Platform.Ocpi.Validation.ChargingProfiles;

/// <summary>2.2.1 mod_charging_profiles §ChargingProfileResponse: the CPO's synchronous answer.</summary>
public sealed class ChargingProfileResponseValidator : AbstractValidator<ChargingProfileResponse>
{
    public ChargingProfileResponseValidator()
    {
        RuleFor(x => x.Result).Required().Defined();
        RuleFor(x => x.Timeout).Required().NotNegative();
    }
}

/// <summary>
/// 2.2.1 mod_charging_profiles §ActiveChargingProfileResult. <c>profile</c> is "?" but described as the requested
/// profile "if the result field is set to ACCEPTED", so an ACCEPTED result without it is refused.
/// </summary>
public sealed class ActiveChargingProfileResultValidator : AbstractValidator<ActiveChargingProfileResult>
{
    public ActiveChargingProfileResultValidator()
    {
        RuleFor(x => x.Result).Required().Defined();
        RuleFor(x => x.Profile).SetValidator(new ActiveChargingProfileValidator()!)
            .NotNull().When(x => x.Result == ChargingProfileResultType.ACCEPTED, ApplyConditionTo.CurrentValidator)
            .WithMessage("is required when result is ACCEPTED");
    }
}

/// <summary>2.2.1 mod_charging_profiles §ChargingProfileResult.</summary>
public sealed class ChargingProfileResultValidator : AbstractValidator<ChargingProfileResult>
{
    public ChargingProfileResultValidator() => RuleFor(x => x.Result).Required().Defined();
}

/// <summary>2.2.1 mod_charging_profiles §ClearProfileResult.</summary>
public sealed class ClearProfileResultValidator : AbstractValidator<ClearProfileResult>
{
    public ClearProfileResultValidator() => RuleFor(x => x.Result).Required().Defined();
}
