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
        foreach (var failure in Problems(owner, tariffId, tariff)) context.AddFailure(failure);
    }

    /// <summary>What is wrong with a whole tariff stored under this URL (a PUT's body, or a PATCH merged into the stored one).</summary>
    public static IEnumerable<ValidationFailure> Problems(PartyRef owner, string tariffId, Tariff tariff)
    {
        if (!CiString.IsValid(tariffId, 36))
            yield return new ValidationFailure("tariff_id", "tariff_id in the URL must be at most 36 printable ASCII characters");
        foreach (var failure in WireValidators.Put<Tariff>().Validate(tariff).Errors) yield return failure;
        foreach (var (field, inBody, inUrl) in new[] { ("country_code", tariff.CountryCode, owner.CountryCode), ("party_id", tariff.PartyId, owner.PartyId), ("id", tariff.Id, tariffId) })
            // A missing field is already reported by the wire validator.
            if (inBody is not null && !CiString.Equal(inBody, inUrl))
                yield return new ValidationFailure(field, $"{field} '{inBody}' in the body differs from '{inUrl}' in the URL");
    }
}
