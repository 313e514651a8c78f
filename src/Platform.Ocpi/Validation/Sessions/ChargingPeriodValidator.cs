using FluentValidation;
using Platform.Ocpi.Model.Sessions;

namespace Platform.Ocpi.Validation.Sessions;

/// <summary>2.2.1 mod_cdrs §ChargingPeriod: at least one dimension.</summary>
public sealed class ChargingPeriodValidator : AbstractValidator<ChargingPeriod>
{
    public ChargingPeriodValidator()
    {
        RuleFor(x => x.StartDateTime).Required();
        RuleFor(x => x.Dimensions).AtLeastOne().NoNullElements();
        RuleForEach(x => x.Dimensions).SetValidator(new CdrDimensionValidator());
        RuleFor(x => x.TariffId).CiString(36);
    }
}

/// <summary>2.2.1 mod_cdrs §CdrDimension. No sign rule: ENERGY is negative for net export.</summary>
public sealed class CdrDimensionValidator : AbstractValidator<CdrDimension>
{
    public CdrDimensionValidator()
    {
        RuleFor(x => x.Type).Required().Defined();
        RuleFor(x => x.Volume).Required();
    }
}
