using FluentValidation.Results;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Cdrs;

/// <summary>
/// Checks a CDR: the wire rules (id ≤ 36, or ≤ 39 for a credit CDR with its credit_reference_id; cdr_token with
/// its eMSP's country_code/party_id: C3–C5), a credit CDR's total_cost not positive, and, where known, that the
/// owner and the token's eMSP are the parties the CDR is exchanged between.
/// </summary>
public static class CdrRules
{
    public static void Check<T>(ValidationContext<T> context, Cdr cdr, PartyRef? owner, PartyRef? receiver)
    {
        foreach (var failure in WireValidators.Put<Cdr>().Validate(cdr).Errors) context.AddFailure(failure);
        if (cdr.Credit == true && cdr.TotalCost?.ExclVat > 0)
            context.AddFailure(new ValidationFailure("total_cost.excl_vat", "a credit CDR carries the original's total_cost negated"));
        if (cdr.Credit == true && cdr.TotalCost?.InclVat > 0)
            context.AddFailure(new ValidationFailure("total_cost.incl_vat", "a credit CDR carries the original's total_cost negated"));
        if (owner is not null && cdr.CountryCode is not null && cdr.PartyId is not null && PartyKey.Of(cdr.CountryCode, cdr.PartyId) != owner.Key)
            context.AddFailure(new ValidationFailure("country_code", $"the CDR belongs to {PartyKey.Of(cdr.CountryCode, cdr.PartyId)}, not to {owner.Key}"));
        if (receiver is not null && cdr.CdrToken is { CountryCode: { } cc, PartyId: { } pid } && PartyKey.Of(cc, pid) != receiver.Key)
            context.AddFailure(new ValidationFailure("cdr_token", $"cdr_token belongs to {PartyKey.Of(cc, pid)}, not to {receiver.Key} who receives it"));
    }
}
