namespace Platform.Ocpi.Model.Sessions;

/// <summary>2.2.1 mod_sessions §ChargingPreferences: the body of PUT {sessions}/{session_id}/charging_preferences.</summary>
public sealed record ChargingPreferences
{
    public ProfileType? ProfileType { get; init; }
    public DateTime? DepartureTime { get; init; }
    /// <summary>kWh.</summary>
    public decimal? EnergyNeed { get; init; }
    /// <summary>Absent means false.</summary>
    public bool? DischargeAllowed { get; init; }
}

public enum ProfileType
{
    CHEAP,
    FAST,
    GREEN,
    REGULAR,
}

/// <summary>The whole <c>data</c> of the charging_preferences answer: a bare enum string.</summary>
public enum ChargingPreferencesResponse
{
    ACCEPTED,
    DEPARTURE_REQUIRED,
    ENERGY_NEED_REQUIRED,
    NOT_POSSIBLE,
    PROFILE_TYPE_NOT_SUPPORTED,
}
