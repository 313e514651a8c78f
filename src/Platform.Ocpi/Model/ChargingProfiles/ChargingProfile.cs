namespace Platform.Ocpi.Model.ChargingProfiles;

/// <summary>2.2.1 mod_charging_profiles §ChargingProfile: a maximum limit, not a target.</summary>
public sealed record ChargingProfile
{
    /// <summary>Absent: relative to the start of charging.</summary>
    public DateTime? StartDateTime { get; init; }
    /// <summary>Seconds. Absent: the last period lasts until the transaction ends.</summary>
    public int? Duration { get; init; }
    public ChargingRateUnit? ChargingRateUnit { get; init; }
    public decimal? MinChargingRate { get; init; }
    public IReadOnlyList<ChargingProfilePeriod>? ChargingProfilePeriod { get; init; }
}

/// <summary>2.2.1 mod_charging_profiles §ChargingProfilePeriod.</summary>
public sealed record ChargingProfilePeriod
{
    /// <summary>Seconds from the profile start.</summary>
    public int? StartPeriod { get; init; }
    public decimal? Limit { get; init; }
}

/// <summary>W is total power, A is current per phase ([errata] dropped the numberPhases text, digest §7.13).</summary>
public enum ChargingRateUnit
{
    W,
    A,
}
