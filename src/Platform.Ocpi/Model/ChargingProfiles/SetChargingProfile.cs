namespace Platform.Ocpi.Model.ChargingProfiles;

/// <summary>2.2.1 mod_charging_profiles §SetChargingProfile: the body of PUT {chargingprofiles}/{session_id}.</summary>
public sealed record SetChargingProfile
{
    public ChargingProfile? ChargingProfile { get; init; }
    public string? ResponseUrl { get; init; }
}
