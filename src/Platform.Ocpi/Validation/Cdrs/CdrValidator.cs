using FluentValidation;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Validation.Common;
using Platform.Ocpi.Validation.Sessions;
using Platform.Ocpi.Validation.Tariffs;

namespace Platform.Ocpi.Validation.Cdrs;

/// <summary>
/// 2.2.1 mod_cdrs §CDR object, as POSTed (CDRs are never PUT or PATCHed). No start/end order rule: by agreement
/// an unknown time may be the placeholder 1970-01-01T00:00:00Z (mod_cdrs, digest §7).
/// </summary>
public sealed class CdrValidator : AbstractValidator<Cdr>
{
    private static readonly IValidator<Price?> NormalPrice = new PriceValidator()!, CreditPrice = new PriceValidator(allowNegative: true)!;

    public CdrValidator()
    {
        RuleFor(x => x.CountryCode).RequiredText().CiString(2).CountryCode();
        RuleFor(x => x.PartyId).RequiredText().CiString(3).PartyId();
        // CiString(39) leaves room for a credit CDR's "-C" style suffix; a normal CDR id stays within 36.
        RuleFor(x => x.Id).RequiredText().CiString(39)
            .MaximumLength(36).When(x => x.Credit != true, ApplyConditionTo.CurrentValidator)
            .WithMessage("must be at most 36 characters (39 only for a credit CDR)");
        RuleFor(x => x.StartDateTime).Required();
        RuleFor(x => x.EndDateTime).Required();
        RuleFor(x => x.SessionId).CiString(36);
        RuleFor(x => x.CdrToken).Required().SetValidator(new CdrTokenValidator()!);
        RuleFor(x => x.AuthMethod).Required().Defined();
        RuleFor(x => x.AuthorizationReference).CiString(36);
        RuleFor(x => x.CdrLocation).Required().SetValidator(new CdrLocationValidator()!);
        RuleFor(x => x.MeterId).OcpiString(255);
        RuleFor(x => x.Currency).RequiredText().OcpiString(3).Currency();
        RuleFor(x => x.Tariffs).NoNullElements();
        RuleForEach(x => x.Tariffs).SetValidator(new TariffValidator());
        RuleFor(x => x.ChargingPeriods).AtLeastOne().NoNullElements();
        RuleForEach(x => x.ChargingPeriods).SetValidator(new ChargingPeriodValidator());
        RuleFor(x => x.SignedData).SetValidator(new SignedDataValidator()!);
        RuleFor(x => x.TotalCost).Required().SetValidator(x => x.Credit == true ? CreditPrice : NormalPrice);
        RuleFor(x => x.TotalFixedCost).SetValidator(x => x.Credit == true ? CreditPrice : NormalPrice);
        RuleFor(x => x.TotalEnergy).Required().NotNegative().When(x => x.Credit != true, ApplyConditionTo.CurrentValidator);
        RuleFor(x => x.TotalEnergyCost).SetValidator(x => x.Credit == true ? CreditPrice : NormalPrice);
        RuleFor(x => x.TotalTime).Required().NotNegative().When(x => x.Credit != true, ApplyConditionTo.CurrentValidator);
        RuleFor(x => x.TotalParkingTime).NotNegative().When(x => x.Credit != true);
        RuleFor(x => x.TotalTimeCost).SetValidator(x => x.Credit == true ? CreditPrice : NormalPrice);
        RuleFor(x => x.TotalParkingCost).SetValidator(x => x.Credit == true ? CreditPrice : NormalPrice);
        RuleFor(x => x.TotalReservationCost).SetValidator(x => x.Credit == true ? CreditPrice : NormalPrice);
        RuleFor(x => x.Remark).OcpiString(255);
        RuleFor(x => x.InvoiceReferenceId).CiString(39);
        RuleFor(x => x.CreditReferenceId).CiString(39)
            .NotEmpty().When(x => x.Credit == true, ApplyConditionTo.CurrentValidator).WithMessage("is required when credit is true");
        RuleFor(x => x.LastUpdated).Required();
    }
}
