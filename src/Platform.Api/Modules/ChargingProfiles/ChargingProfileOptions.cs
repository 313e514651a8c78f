using Platform.Api.Infrastructure;

namespace Platform.Api.Modules.ChargingProfiles;

/// <summary><c>ChargingProfiles</c> settings of a hosted CPO's Receiver side.</summary>
public sealed class ChargingProfileOptions
{
    /// <summary>
    /// Requests about one session accepted per minute; more are answered TOO_OFTEN (P4), which keeps a sender from
    /// flooding a charger with profiles. Read per request.
    /// </summary>
    [SettingRange("ChargingProfiles:MaxRequestsPerSessionPerMinute", 1, 100000)]
    public int MaxRequestsPerSessionPerMinute { get; init; } = 10;
}
