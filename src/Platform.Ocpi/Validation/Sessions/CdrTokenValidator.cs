using FluentValidation;
using Platform.Ocpi.Model.Sessions;

namespace Platform.Ocpi.Validation.Sessions;

/// <summary>
/// 2.2.1 mod_cdrs §CdrToken. country_code and party_id are required since 2.2.1: they route the CDR to the
/// token's eMSP (the tag 2.2.1 session and CDR examples still lack them, digest §6.3).
/// </summary>
public sealed class CdrTokenValidator : AbstractValidator<CdrToken>
{
    public CdrTokenValidator()
    {
        RuleFor(x => x.CountryCode).RequiredText().CiString(2).CountryCode();
        RuleFor(x => x.PartyId).RequiredText().CiString(3).PartyId();
        RuleFor(x => x.Uid).RequiredText().CiString(36);
        RuleFor(x => x.Type).Required().Defined();
        RuleFor(x => x.ContractId).RequiredText().CiString(36);
    }
}
