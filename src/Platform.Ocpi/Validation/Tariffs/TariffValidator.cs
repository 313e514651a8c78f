using FluentValidation;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Validation.Common;
using Platform.Ocpi.Validation.Locations;

namespace Platform.Ocpi.Validation.Tariffs;

/// <summary>2.2.1 mod_tariffs §Tariff object, as PUT (there is no Tariff PATCH in 2.2.x) or inside a CDR.</summary>
public sealed class TariffValidator : AbstractValidator<Tariff>
{
    public TariffValidator()
    {
        RuleFor(x => x.CountryCode).RequiredText().CiString(2).CountryCode();
        RuleFor(x => x.PartyId).RequiredText().CiString(3).PartyId();
        RuleFor(x => x.Id).RequiredText().CiString(36);
        RuleFor(x => x.Currency).RequiredText().OcpiString(3).Currency();
        RuleFor(x => x.Type).Defined();
        RuleFor(x => x.TariffAltText).NoNullElements();
        RuleForEach(x => x.TariffAltText).SetValidator(new DisplayTextValidator());
        RuleFor(x => x.TariffAltUrl).OcpiUrl();
        RuleFor(x => x.MinPrice).SetValidator(new PriceValidator()!);
        RuleFor(x => x.MaxPrice).SetValidator(new PriceValidator()!);
        RuleFor(x => x.Elements).AtLeastOne().NoNullElements();
        RuleForEach(x => x.Elements).SetValidator(new TariffElementValidator());
        RuleFor(x => x.EndDateTime).Must((t, end) => end is null || t.StartDateTime is null || end > t.StartDateTime)
            .WithMessage("must be after start_date_time");
        RuleFor(x => x.EnergyMix).SetValidator(new EnergyMixValidator()!);
        RuleFor(x => x.LastUpdated).Required();
    }
}

/// <summary>2.2.1 mod_tariffs §TariffElement.</summary>
public sealed class TariffElementValidator : AbstractValidator<TariffElement>
{
    public TariffElementValidator()
    {
        RuleFor(x => x.PriceComponents).AtLeastOne().NoNullElements();
        RuleForEach(x => x.PriceComponents).SetValidator(new PriceComponentValidator());
        // mod_tariffs §ReservationRestrictionType: a reservation element may only hold FLAT and TIME components.
        RuleForEach(x => x.PriceComponents)
            .Must(c => c is null || c.Type is null or TariffDimensionType.FLAT or TariffDimensionType.TIME)
            .When(x => x.Restrictions?.Reservation is not null)
            .WithMessage("must be of type FLAT or TIME when restrictions.reservation is set");
        RuleFor(x => x.Restrictions).SetValidator(new TariffRestrictionsValidator()!);
    }
}

/// <summary>2.2.1 mod_tariffs §PriceComponent.</summary>
public sealed class PriceComponentValidator : AbstractValidator<PriceComponent>
{
    public PriceComponentValidator()
    {
        RuleFor(x => x.Type).Required().Defined();
        RuleFor(x => x.Price).Required();
        RuleFor(x => x.Vat).NotNegative();
        RuleFor(x => x.StepSize).Required().NotNegative();
    }
}
