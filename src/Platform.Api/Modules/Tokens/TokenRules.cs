using FluentValidation.Results;
using Platform.Api.Modules.Sessions;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Tokens;

/// <summary>
/// Checks a pushed token: wire rules (PUT complete, PATCH present fields plus last_updated) and the URL against the
/// body: owner country_code/party_id, uid and type must agree (T11 → 2001).
/// </summary>
public static class TokenRules
{
    public static void Check<T>(ValidationContext<T> context, PartyRef owner, TokenKey key, Token body, System.Text.Json.Nodes.JsonObject? patch)
    {
        foreach (var failure in WireValidators.Check(body, patch)) context.AddFailure(failure);
        SessionRules.Same(context, "country_code", body.CountryCode, owner.CountryCode);
        SessionRules.Same(context, "party_id", body.PartyId, owner.PartyId);
        SessionRules.Same(context, "uid", body.Uid, key.Uid);
        if (body.Type is { } type && type != key.Type)
            context.AddFailure(new ValidationFailure("type", $"type {type} in the body differs from {key.Type} of the URL (?type=, RFID when absent)"));
    }
}
