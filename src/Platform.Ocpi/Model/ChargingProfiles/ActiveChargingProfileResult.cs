namespace Platform.Ocpi.Model.ChargingProfiles;

/// <summary>POSTed to response_url after a GET: <c>profile</c> is there when the result is ACCEPTED.</summary>
public sealed record ActiveChargingProfileResult
{
    public ChargingProfileResultType? Result { get; init; }
    public ActiveChargingProfile? Profile { get; init; }
}
