using FluentValidation;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Validation.Locations;

namespace Platform.Ocpi.Validation.Cdrs;

/// <summary>2.2.1 mod_cdrs §CdrLocation.</summary>
public sealed class CdrLocationValidator : AbstractValidator<CdrLocation>
{
    public CdrLocationValidator()
    {
        RuleFor(x => x.Id).RequiredText().LocationIdString();
        RuleFor(x => x.Name).OcpiString(255);
        // The spec keeps address string(45) and state string(20) here, but a CdrLocation copies the Location,
        // whose errata lengths are 255 and 45; validating leniently (digest §7.11) keeps such CDRs sendable.
        RuleFor(x => x.Address).RequiredText().OcpiString(255);
        RuleFor(x => x.City).RequiredText().OcpiString(45);
        RuleFor(x => x.PostalCode).OcpiString(10);
        RuleFor(x => x.State).OcpiString(45);
        RuleFor(x => x.Country).RequiredText().OcpiString(3).CountryAlpha3();
        RuleFor(x => x.Coordinates).Required().SetValidator(new GeoLocationValidator()!);
        // "#NA" for the three ids of a reservation-only CDR fits these rules.
        RuleFor(x => x.EvseUid).RequiredText().LocationIdString();
        RuleFor(x => x.EvseId).RequiredText().CiString(48);
        RuleFor(x => x.ConnectorId).RequiredText().CiString(36);
        RuleFor(x => x.ConnectorStandard).Required().Defined();
        RuleFor(x => x.ConnectorFormat).Required().Defined();
        RuleFor(x => x.ConnectorPowerType).Required().Defined();
    }
}
