using FluentValidation;
using Platform.Ocpi.Model.HubClientInfo;

namespace Platform.Ocpi.Validation.HubClientInfo;

/// <summary>2.2.1 mod_hub_client_info §ClientInfo, as PUT by the Hub (all fields required).</summary>
public sealed class ClientInfoValidator : AbstractValidator<ClientInfo>
{
    public ClientInfoValidator()
    {
        RuleFor(x => x.PartyId).RequiredText().CiString(3).PartyId();
        RuleFor(x => x.CountryCode).RequiredText().CiString(2).CountryCode();
        RuleFor(x => x.Role).Required().Defined();
        RuleFor(x => x.Status).Required().Defined();
        RuleFor(x => x.LastUpdated).Required();
    }
}
