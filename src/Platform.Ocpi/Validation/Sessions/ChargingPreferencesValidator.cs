using FluentValidation;
using Platform.Ocpi.Model.Sessions;

namespace Platform.Ocpi.Validation.Sessions;

/// <summary>2.2.1 mod_sessions §ChargingPreferences: the body of PUT .../{session_id}/charging_preferences.</summary>
public sealed class ChargingPreferencesValidator : AbstractValidator<ChargingPreferences>
{
    public ChargingPreferencesValidator()
    {
        RuleFor(x => x.ProfileType).Required().Defined();
        RuleFor(x => x.EnergyNeed).NotNegative();
    }
}
