using FluentValidation;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Validation.Common;

namespace Platform.Ocpi.Validation.Commands;

/// <summary>2.2.1 mod_commands §CommandResponse.</summary>
public sealed class CommandResponseValidator : AbstractValidator<CommandResponse>
{
    public CommandResponseValidator()
    {
        RuleFor(x => x.Result).Required().Defined();
        RuleFor(x => x.Timeout).Required().NotNegative();
        RuleFor(x => x.Message).NoNullElements();
        RuleForEach(x => x.Message).SetValidator(new DisplayTextValidator());
    }
}

/// <summary>2.2.1 mod_commands §CommandResult.</summary>
public sealed class CommandResultValidator : AbstractValidator<CommandResult>
{
    public CommandResultValidator()
    {
        RuleFor(x => x.Result).Required().Defined();
        RuleFor(x => x.Message).NoNullElements();
        RuleForEach(x => x.Message).SetValidator(new DisplayTextValidator());
    }
}
