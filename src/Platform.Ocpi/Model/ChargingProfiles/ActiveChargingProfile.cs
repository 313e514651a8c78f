namespace Platform.Ocpi.Model.ChargingProfiles;

/// <summary>
/// 2.2.1 mod_charging_profiles §ActiveChargingProfile: the profile in force, as calculated at
/// <c>start_date_time</c>; the profile's own times are relative to it.
/// </summary>
public sealed record ActiveChargingProfile
{
    public DateTime? StartDateTime { get; init; }
    public ChargingProfile? ChargingProfile { get; init; }
}
