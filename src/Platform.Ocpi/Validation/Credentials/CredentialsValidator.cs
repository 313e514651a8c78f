using FluentValidation;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Credentials;
using Platform.Ocpi.Transport;

namespace Platform.Ocpi.Validation.Credentials;

/// <summary>Credentials as received in a credentials POST or PUT (2.2.1 credentials §Credentials object).</summary>
public sealed class CredentialsValidator : AbstractValidator<Model.Credentials.Credentials>
{
    public CredentialsValidator()
    {
        RuleFor(x => x.Token).RequiredText().MaximumLength(64).WithMessage("must be at most 64 characters")
            .Must(t => t is null || CredentialsTokenHeader.IsTokenText(t))
            .WithMessage("must be printable ASCII without spaces (U+0021..U+007E)");
        RuleFor(x => x.Url).RequiredText().OcpiUrl();
        RuleFor(x => x.Roles).AtLeastOne();
        RuleForEach(x => x.Roles).SetValidator(new CredentialsRoleValidator());
        RuleFor(x => x.Roles)
            .Must(r => r is null || r.Where(x => x is not null)
                .Select(x => (x.Role, CiString.Key(x.CountryCode ?? ""), CiString.Key(x.PartyId ?? ""))).Distinct().Count() == r.Count)
            .WithMessage("must not list the same (role, country_code, party_id) twice");
    }
}

public sealed class CredentialsRoleValidator : AbstractValidator<CredentialsRole>
{
    public CredentialsRoleValidator()
    {
        RuleFor(x => x.Role).Required().Defined();
        RuleFor(x => x.BusinessDetails).Required().SetValidator(new BusinessDetailsValidator()!);
        RuleFor(x => x.PartyId).RequiredText().CiString(3).PartyId();
        RuleFor(x => x.CountryCode).RequiredText().CiString(2).CountryCode();
    }
}

public sealed class BusinessDetailsValidator : AbstractValidator<BusinessDetails>
{
    public BusinessDetailsValidator()
    {
        RuleFor(x => x.Name).RequiredText().OcpiString(100);
        RuleFor(x => x.Website).OcpiUrl();
        RuleFor(x => x.Logo).SetValidator(new ImageValidator()!);
    }
}

public sealed class ImageValidator : AbstractValidator<Image>
{
    public ImageValidator()
    {
        RuleFor(x => x.Url).RequiredText().OcpiUrl();
        RuleFor(x => x.Thumbnail).OcpiUrl();
        RuleFor(x => x.Category).Required().Defined();
        RuleFor(x => x.Type).RequiredText().CiString(4);
        RuleFor(x => x.Width).InclusiveBetween(0, 99999).WithMessage("must be at most 5 digits");
        RuleFor(x => x.Height).InclusiveBetween(0, 99999).WithMessage("must be at most 5 digits");
    }
}
