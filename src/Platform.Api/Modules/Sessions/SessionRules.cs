using FluentValidation.Results;
using Platform.Ocpi;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Sessions;

/// <summary>
/// Checks a pushed session: the wire rules (PUT complete; PATCH only present fields, last_updated required), the
/// URL against the body (country_code, party_id, id → 2001), and, where a receiving eMSP is known, that the
/// session's token is that eMSP's (a session for another eMSP's driver is refused).
/// </summary>
public static class SessionRules
{
    public static void Check<T>(ValidationContext<T> context, PartyRef owner, string sessionId, Session body, System.Text.Json.Nodes.JsonObject? patch, PartyRef? receiver)
    {
        if (!CiString.IsValid(sessionId, 36))
            context.AddFailure(new ValidationFailure("session_id", "session_id in the URL must be at most 36 printable ASCII characters"));
        foreach (var failure in WireValidators.Check(body, patch)) context.AddFailure(failure);
        Same(context, "country_code", body.CountryCode, owner.CountryCode);
        Same(context, "party_id", body.PartyId, owner.PartyId);
        Same(context, "id", body.Id, sessionId);
        if (receiver is not null && body.CdrToken is { CountryCode: { } cc, PartyId: { } pid } && PartyKey.Of(cc, pid) != receiver.Key)
            context.AddFailure(new ValidationFailure("cdr_token", $"cdr_token belongs to {PartyKey.Of(cc, pid)}, not to {receiver.Key} who receives it"));
    }

    public static void Same<T>(ValidationContext<T> context, string field, string? inBody, string inUrl)
    {
        if (inBody is not null && !CiString.Equal(inBody, inUrl))
            context.AddFailure(new ValidationFailure(field, $"{field} '{inBody}' in the body differs from '{inUrl}' in the URL"));
    }
}
