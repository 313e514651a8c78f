using FluentValidation;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Validation.Common;
using Platform.Ocpi.Validation.Credentials;

namespace Platform.Ocpi.Validation.Locations;

/// <summary>A Location pushed whole (PUT, or an item of a GET list).</summary>
public sealed class LocationPutValidator() : LocationRules(patch: false);

/// <summary>A Location PATCH delta: only present fields are checked; <c>last_updated</c> is required.</summary>
public sealed class LocationPatchValidator() : LocationRules(patch: true);

/// <summary>2.2.1 mod_locations §Location object.</summary>
public abstract class LocationRules : PutOrPatchValidator<Location>
{
    protected LocationRules(bool patch) : base(patch)
    {
        RequiredText(x => x.CountryCode).CiString(2).CountryCode();
        RequiredText(x => x.PartyId).CiString(3).PartyId();
        RequiredText(x => x.Id).LocationIdString();
        Required(x => x.Publish);
        RuleFor(x => x.PublishAllowedTo).NoNullElements()
            .Must(l => l is null || l.Count == 0).When(x => x.Publish == true, ApplyConditionTo.CurrentValidator)
            .WithMessage("may only be used when publish is false");
        RuleForEach(x => x.PublishAllowedTo).SetValidator(new PublishTokenTypeValidator());
        RuleFor(x => x.Name).OcpiString(255);
        // [errata] address string(45) -> string(255), state string(20) -> string(45); digest §7.11 takes the errata.
        RequiredText(x => x.Address).OcpiString(255);
        RequiredText(x => x.City).OcpiString(45);
        RuleFor(x => x.PostalCode).OcpiString(10);
        RuleFor(x => x.State).OcpiString(45);
        RequiredText(x => x.Country).OcpiString(3).CountryAlpha3();
        Required(x => x.Coordinates).SetValidator(new GeoLocationValidator()!);
        RuleFor(x => x.RelatedLocations).NoNullElements();
        RuleForEach(x => x.RelatedLocations).SetValidator(new AdditionalGeoLocationValidator());
        RuleFor(x => x.ParkingType).Defined();
        RuleFor(x => x.Evses).NoNullElements().UniqueBy(e => e.Uid, "uid");
        RuleForEach(x => x.Evses).SetValidator(new EvsePutValidator());
        RuleFor(x => x.Directions).NoNullElements();
        RuleForEach(x => x.Directions).SetValidator(new DisplayTextValidator());
        RuleFor(x => x.Operator).SetValidator(new BusinessDetailsValidator()!);
        RuleFor(x => x.Suboperator).SetValidator(new BusinessDetailsValidator()!);
        RuleFor(x => x.Owner).SetValidator(new BusinessDetailsValidator()!);
        RuleForEach(x => x.Facilities).Defined();
        RequiredText(x => x.TimeZone).OcpiString(255);
        RuleFor(x => x.OpeningTimes).SetValidator(new HoursValidator()!);
        RuleFor(x => x.Images).NoNullElements();
        RuleForEach(x => x.Images).SetValidator(new ImageValidator());
        RuleFor(x => x.EnergyMix).SetValidator(new EnergyMixValidator()!);
        RuleFor(x => x.LastUpdated).Required();
    }
}
