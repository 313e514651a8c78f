namespace Platform.Ocpi.Model.ChargingProfiles;

/// <summary>POSTed to response_url after a DELETE.</summary>
public sealed record ClearProfileResult
{
    public ChargingProfileResultType? Result { get; init; }
}
