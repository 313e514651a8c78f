using FluentValidation;
using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Validation.Common;

/// <summary>2.2.1 types §Price. No sign rule: a credit CDR carries negated totals (mod_cdrs §Credit CDRs).</summary>
public sealed class PriceValidator : AbstractValidator<Price>
{
    public PriceValidator()
    {
        RuleFor(x => x.ExclVat).Required();
    }
}
