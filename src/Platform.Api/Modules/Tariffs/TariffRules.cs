using FluentValidation.Results;
using Platform.Ocpi;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Tariffs;

/// <summary>
/// Checks a pushed tariff against the wire rules and against its URL: the body's country_code/party_id must be
/// those of the URL's owner and its id the URL's tariff_id (2.2.1 mod_tariffs Receiver PUT, T11 → 2001).
/// </summary>
public static class TariffRules
{
    public static void Check<T>(ValidationContext<T> context, PartyRef owner, string tariffId, Tariff tariff)
    {
        if (!CiString.IsValid(tariffId, 36))
            context.AddFailure(new ValidationFailure("tariff_id", "tariff_id in the URL must be at most 36 printable ASCII characters"));
        foreach (var failure in WireValidators.Put<Tariff>().Validate(tariff).Errors) context.AddFailure(failure);
        Same(context, "country_code", tariff.CountryCode, owner.CountryCode);
        Same(context, "party_id", tariff.PartyId, owner.PartyId);
        Same(context, "id", tariff.Id, tariffId);
    }

    private static void Same<T>(ValidationContext<T> context, string field, string? inBody, string inUrl)
    {
        // A missing field is already reported by the wire validator.
        if (inBody is not null && !CiString.Equal(inBody, inUrl))
            context.AddFailure(new ValidationFailure(field, $"{field} '{inBody}' in the body differs from '{inUrl}' in the URL"));
    }
}
