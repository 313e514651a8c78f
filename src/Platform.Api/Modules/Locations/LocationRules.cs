using FluentValidation.Results;
using Platform.Ocpi;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// Checks a pushed location, EVSE or connector against the wire rules and against its URL: the ids in the body
/// must be those of the URL, and a location's country_code/party_id those of its owner (2.2.1 mod_locations,
/// T11 → 2001). A PATCH is checked only for the fields it carries, and must carry last_updated (T10).
/// </summary>
public static class LocationRules
{
    public static void Check<T>(ValidationContext<T> context, PartyRef owner, LocationPath path, LocationBody body)
    {
        var patch = body.IsPatch;
        foreach (var (name, id, max) in new[] { ("location_id", path.LocationId, LocationIdLength.Max), ("evse_uid", path.EvseUid, LocationIdLength.Max), ("connector_id", path.ConnectorId, 36) })
            if (id is not null && !CiString.IsValid(id, max))
                context.AddFailure(new ValidationFailure(name, $"{name} in the URL must be at most {max} printable ASCII characters"));
        var failures = body switch
        {
            LocationBody.Whole { Location: var l } => WireValidators.Check(l, body.Json),
            LocationBody.OfEvse { Evse: var e } => WireValidators.Check(e, body.Json),
            LocationBody.OfConnector { Connector: var c } => WireValidators.Check(c, body.Json),
            _ => throw new ArgumentOutOfRangeException(nameof(body)),
        };
        foreach (var failure in failures) context.AddFailure(failure);

        switch (body)
        {
            case LocationBody.Whole { Location: var l }:
                Same(context, "country_code", l.CountryCode, owner.CountryCode, patch);
                Same(context, "party_id", l.PartyId, owner.PartyId, patch);
                Same(context, "id", l.Id, path.LocationId, patch);
                break;
            case LocationBody.OfEvse { Evse: var e }:
                Same(context, "uid", e.Uid, path.EvseUid!, patch);
                break;
            case LocationBody.OfConnector { Connector: var c }:
                Same(context, "id", c.Id, path.ConnectorId!, patch);
                break;
        }
    }

    private static void Same<T>(ValidationContext<T> context, string field, string? inBody, string inUrl, bool patch)
    {
        if (inBody is null && patch) return;
        if (inBody is not null && !CiString.Equal(inBody, inUrl))
            context.AddFailure(new ValidationFailure(field, $"{field} '{inBody}' in the body differs from '{inUrl}' in the URL"));
    }
}
