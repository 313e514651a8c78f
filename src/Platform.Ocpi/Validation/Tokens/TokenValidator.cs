using FluentValidation;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Validation.Common;

namespace Platform.Ocpi.Validation.Tokens;

/// <summary>A Token pushed whole (PUT), returned by authorize, or carried in a StartSession/ReserveNow.</summary>
public sealed class TokenPutValidator() : TokenRules(patch: false);

/// <summary>A Token PATCH delta, e.g. <c>{"valid":false,"last_updated":…}</c>.</summary>
public sealed class TokenPatchValidator() : TokenRules(patch: true);

/// <summary>2.2.1 mod_tokens §Token object.</summary>
public abstract class TokenRules : PutOrPatchValidator<Token>
{
    protected TokenRules(bool patch) : base(patch)
    {
        RequiredText(x => x.CountryCode).CiString(2).CountryCode();
        RequiredText(x => x.PartyId).CiString(3).PartyId();
        RequiredText(x => x.Uid).CiString(36);
        Required(x => x.Type).Defined();
        RequiredText(x => x.ContractId).CiString(36);
        RuleFor(x => x.VisualNumber).OcpiString(64);
        RequiredText(x => x.Issuer).OcpiString(64);
        RuleFor(x => x.GroupId).CiString(36);
        Required(x => x.Valid);
        Required(x => x.Whitelist).Defined();
        RuleFor(x => x.Language).OcpiString(2).Language();
        RuleFor(x => x.DefaultProfileType).Defined();
        RuleFor(x => x.EnergyContract).SetValidator(new EnergyContractValidator()!);
        RuleFor(x => x.LastUpdated).Required();
    }
}

/// <summary>2.2.1 mod_tokens §EnergyContract.</summary>
public sealed class EnergyContractValidator : AbstractValidator<EnergyContract>
{
    public EnergyContractValidator()
    {
        RuleFor(x => x.SupplierName).RequiredText().OcpiString(64);
        RuleFor(x => x.ContractId).OcpiString(64);
    }
}
