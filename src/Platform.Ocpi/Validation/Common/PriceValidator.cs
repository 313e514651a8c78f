using FluentValidation;
using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Validation.Common;

/// <summary>
/// 2.2.1 types §Price. Negative only where allowed: a credit CDR carries negated totals (mod_cdrs §Credit CDRs);
/// a session's cost or a normal CDR's never is.
/// </summary>
public sealed class PriceValidator : AbstractValidator<Price>
{
    public PriceValidator(bool allowNegative = false)
    {
        RuleFor(x => x.ExclVat).Required();
        if (allowNegative) return;
        RuleFor(x => x.ExclVat).NotNegative();
        RuleFor(x => x.InclVat).NotNegative();
    }
}
