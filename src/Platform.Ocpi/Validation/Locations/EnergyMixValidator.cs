using FluentValidation;
using Platform.Ocpi.Model.Locations;

namespace Platform.Ocpi.Validation.Locations;

/// <summary>2.2.1 mod_locations §EnergyMix.</summary>
public sealed class EnergyMixValidator : AbstractValidator<EnergyMix>
{
    public EnergyMixValidator()
    {
        RuleFor(x => x.IsGreenEnergy).Required();
        RuleFor(x => x.EnergySources).NoNullElements();
        RuleForEach(x => x.EnergySources).SetValidator(new EnergySourceValidator());
        RuleFor(x => x.EnvironImpact).NoNullElements();
        RuleForEach(x => x.EnvironImpact).SetValidator(new EnvironmentalImpactValidator());
        RuleFor(x => x.SupplierName).OcpiString(64);
        RuleFor(x => x.EnergyProductName).OcpiString(64);
    }
}

/// <summary>2.2.1 mod_locations §EnergySource. The sum "should" be 100, a SHOULD, so it is not enforced.</summary>
public sealed class EnergySourceValidator : AbstractValidator<EnergySource>
{
    public EnergySourceValidator()
    {
        RuleFor(x => x.Source).Required().Defined();
        RuleFor(x => x.Percentage).Required().InclusiveBetween(0m, 100m).WithMessage("must be between 0 and 100");
    }
}

/// <summary>2.2.1 mod_locations §EnvironmentalImpact.</summary>
public sealed class EnvironmentalImpactValidator : AbstractValidator<EnvironmentalImpact>
{
    public EnvironmentalImpactValidator()
    {
        RuleFor(x => x.Category).Required().Defined();
        RuleFor(x => x.Amount).Required().NotNegative();
    }
}
