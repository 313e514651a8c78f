namespace Platform.Ocpi.Model.ChargingProfiles;

/// <summary>The CPO's synchronous answer to GET, PUT and DELETE on chargingprofiles.</summary>
public sealed record ChargingProfileResponse
{
    public ChargingProfileResponseType? Result { get; init; }
    /// <summary>Seconds until the asynchronous result is expected.</summary>
    public int? Timeout { get; init; }
}

public enum ChargingProfileResponseType
{
    ACCEPTED,
    NOT_SUPPORTED,
    REJECTED,
    TOO_OFTEN,
    UNKNOWN_SESSION,
}
