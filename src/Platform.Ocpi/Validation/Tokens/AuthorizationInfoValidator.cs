using FluentValidation;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Validation.Common;

namespace Platform.Ocpi.Validation.Tokens;

/// <summary>2.2.1 mod_tokens §AuthorizationInfo: the data of the authorize answer.</summary>
public sealed class AuthorizationInfoValidator : AbstractValidator<AuthorizationInfo>
{
    public AuthorizationInfoValidator()
    {
        RuleFor(x => x.Allowed).Required().Defined();
        RuleFor(x => x.Token).Required().SetValidator(new TokenPutValidator()!);
        RuleFor(x => x.Location).SetValidator(new LocationReferencesValidator()!);
        RuleFor(x => x.AuthorizationReference).CiString(36);
        RuleFor(x => x.Info).SetValidator(new DisplayTextValidator()!);
    }
}

/// <summary>2.2.1 mod_tokens §LocationReferences: the optional body of POST {tokens}/{uid}/authorize.</summary>
public sealed class LocationReferencesValidator : AbstractValidator<LocationReferences>
{
    public LocationReferencesValidator()
    {
        RuleFor(x => x.LocationId).RequiredText().LocationIdString();
        RuleFor(x => x.EvseUids).NoNullElements();
        RuleForEach(x => x.EvseUids).NotEmpty().WithMessage("must not be empty").LocationIdString();
    }
}
