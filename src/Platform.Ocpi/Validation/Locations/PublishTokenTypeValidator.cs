using FluentValidation;
using Platform.Ocpi.Model.Locations;

namespace Platform.Ocpi.Validation.Locations;

/// <summary>2.2.1 mod_locations §PublishTokenType, with its three cross-field rules.</summary>
public sealed class PublishTokenTypeValidator : AbstractValidator<PublishTokenType>
{
    public PublishTokenTypeValidator()
    {
        RuleFor(x => x.Uid).CiString(36)
            .Must((p, uid) => !string.IsNullOrEmpty(uid) || !string.IsNullOrEmpty(p.VisualNumber) || !string.IsNullOrEmpty(p.GroupId))
            .WithMessage("one of uid, visual_number or group_id is required");
        RuleFor(x => x.Type).Defined()
            .NotNull().When(x => !string.IsNullOrEmpty(x.Uid), ApplyConditionTo.CurrentValidator).WithMessage("is required when uid is set");
        RuleFor(x => x.VisualNumber).OcpiString(64);
        RuleFor(x => x.Issuer).OcpiString(64)
            .NotEmpty().When(x => !string.IsNullOrEmpty(x.VisualNumber), ApplyConditionTo.CurrentValidator).WithMessage("is required when visual_number is set");
        RuleFor(x => x.GroupId).CiString(36);
    }
}
