using FluentValidation;
using Platform.Ocpi.Model.Common;

namespace Platform.Ocpi.Validation.Common;

/// <summary>2.2.1 types §DisplayText: language string(2) ISO 639-1, text string(512), both required.</summary>
public sealed class DisplayTextValidator : AbstractValidator<DisplayText>
{
    public DisplayTextValidator()
    {
        RuleFor(x => x.Language).RequiredText().OcpiString(2).Language();
        RuleFor(x => x.Text).RequiredText().OcpiString(512);
    }
}
