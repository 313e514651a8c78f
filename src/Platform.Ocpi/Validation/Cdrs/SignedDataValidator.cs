using FluentValidation;
using Platform.Ocpi.Model.Cdrs;

namespace Platform.Ocpi.Validation.Cdrs;

/// <summary>2.2.1 mod_cdrs §SignedData. <c>url</c> is string(512), not the URL type.</summary>
public sealed class SignedDataValidator : AbstractValidator<SignedData>
{
    public SignedDataValidator()
    {
        RuleFor(x => x.EncodingMethod).RequiredText().CiString(36);
        RuleFor(x => x.PublicKey).OcpiString(512);
        RuleFor(x => x.SignedValues).AtLeastOne().NoNullElements();
        RuleForEach(x => x.SignedValues).SetValidator(new SignedValueValidator());
        RuleFor(x => x.Url).OcpiString(512);
    }
}

/// <summary>2.2.1 mod_cdrs §SignedValue. [errata] plain_data string(512) -> string(5000) (digest §7.11).</summary>
public sealed class SignedValueValidator : AbstractValidator<SignedValue>
{
    public SignedValueValidator()
    {
        RuleFor(x => x.Nature).RequiredText().CiString(32);
        RuleFor(x => x.PlainData).RequiredText().OcpiString(5000);
        RuleFor(x => x.SignedData).RequiredText().OcpiString(5000);
    }
}
