using FluentValidation;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Validation.Common;

namespace Platform.Ocpi.Validation.Locations;

/// <summary>2.2.1 mod_locations §GeoLocation: string(10)/string(11) decimals by the spec's regexes.</summary>
public sealed class GeoLocationValidator : AbstractValidator<GeoLocation>
{
    public GeoLocationValidator()
    {
        RuleFor(x => x.Latitude).RequiredText().Latitude();
        RuleFor(x => x.Longitude).RequiredText().Longitude();
    }
}

/// <summary>2.2.1 mod_locations §AdditionalGeoLocation.</summary>
public sealed class AdditionalGeoLocationValidator : AbstractValidator<AdditionalGeoLocation>
{
    public AdditionalGeoLocationValidator()
    {
        RuleFor(x => x.Latitude).RequiredText().Latitude();
        RuleFor(x => x.Longitude).RequiredText().Longitude();
        RuleFor(x => x.Name).SetValidator(new DisplayTextValidator()!);
    }
}
