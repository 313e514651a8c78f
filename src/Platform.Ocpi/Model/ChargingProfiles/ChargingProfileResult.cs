namespace Platform.Ocpi.Model.ChargingProfiles;

/// <summary>POSTed to response_url after a PUT.</summary>
public sealed record ChargingProfileResult
{
    public ChargingProfileResultType? Result { get; init; }
}

public enum ChargingProfileResultType
{
    ACCEPTED,
    REJECTED,
    UNKNOWN,
}
