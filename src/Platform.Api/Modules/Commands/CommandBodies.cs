using System.Text.Json;
using FluentValidation.Results;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Commands;

/// <summary>What the platform needs to know of any of the five command bodies.</summary>
public sealed record CommandFacts(string? ResponseUrl, string? LocationId, string? EvseUid, string? ConnectorId, Token? Token, string? SessionId,
    string? ReservationId);

/// <summary>The five command bodies of 2.2.1 mod_commands, told apart by their CommandType.</summary>
public static class CommandBodies
{
    public static bool TryParseType(string text, out CommandType type) =>
        Enum.TryParse(text, ignoreCase: false, out type) && Enum.IsDefined(type);

    /// <summary>Reads the JSON of a command of <paramref name="type"/>; JSON that does not fit is refused as invalid (2001 / 400).</summary>
    public static object Read(CommandType type, JsonNode body) => type switch
    {
        CommandType.START_SESSION => Read<StartSession>(body),
        CommandType.STOP_SESSION => Read<StopSession>(body),
        CommandType.RESERVE_NOW => Read<ReserveNow>(body),
        CommandType.CANCEL_RESERVATION => Read<CancelReservation>(body),
        CommandType.UNLOCK_CONNECTOR => Read<UnlockConnector>(body),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static ValidationResult Validate(object body) => body switch
    {
        StartSession b => WireValidators.Put<StartSession>().Validate(b),
        StopSession b => WireValidators.Put<StopSession>().Validate(b),
        ReserveNow b => WireValidators.Put<ReserveNow>().Validate(b),
        CancelReservation b => WireValidators.Put<CancelReservation>().Validate(b),
        UnlockConnector b => WireValidators.Put<UnlockConnector>().Validate(b),
        _ => throw new ArgumentOutOfRangeException(nameof(body)),
    };

    public static CommandFacts Facts(object body) => body switch
    {
        StartSession b => new(b.ResponseUrl, b.LocationId, b.EvseUid, b.ConnectorId, b.Token, null, null),
        StopSession b => new(b.ResponseUrl, null, null, null, null, b.SessionId, null),
        ReserveNow b => new(b.ResponseUrl, b.LocationId, b.EvseUid, null, b.Token, null, b.ReservationId),
        CancelReservation b => new(b.ResponseUrl, null, null, null, null, null, b.ReservationId),
        UnlockConnector b => new(b.ResponseUrl, b.LocationId, b.EvseUid, b.ConnectorId, null, null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(body)),
    };

    /// <summary>
    /// The eMSP may use only its own tokens (2.2.1 mod_commands): a session started with another eMSP's token would
    /// be billed to, and reported to, that other eMSP. Owning the token is checked; its validity is not (M4).
    /// </summary>
    public static ValidationFailure? ForeignToken(CommandFacts facts, PartyRef emsp) =>
        facts.Token is { CountryCode: { } cc, PartyId: { } pid } && PartyKey.Of(cc, pid) != emsp.Key
            ? new ValidationFailure("token", $"token belongs to {PartyKey.Of(cc, pid)}; {emsp.Key} may only use its own tokens")
            : null;

    public static JsonObject ToJson(object body) => JsonSerializer.SerializeToNode(body, body.GetType(), OcpiJson.Options)!.AsObject();

    private static T Read<T>(JsonNode body) where T : class =>
        OcpiJson.TryRead<T>(JsonSerializer.SerializeToUtf8Bytes(body), out var value, out var error)
            ? value
            : throw new RequestRejectedException(RejectionKind.Invalid, $"Invalid {typeof(T).Name}: {error}");
}
