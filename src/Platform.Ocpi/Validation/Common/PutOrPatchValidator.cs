using System.Linq.Expressions;
using FluentValidation;

namespace Platform.Ocpi.Validation.Common;

/// <summary>
/// The rules of an object that is both PUT whole and PATCHed (Location, EVSE, Connector, Session, Token).
/// A PUT must carry every required field; a PATCH carries only what changes, so only present fields are checked,
/// except <c>last_updated</c>, which every PATCH must carry (2.2.1 transport_and_format §PATCH).
/// </summary>
public abstract class PutOrPatchValidator<T> : AbstractValidator<T>
{
    protected PutOrPatchValidator(bool patch) => IsPatch = patch;

    protected bool IsPatch { get; }

    /// <summary>Required on PUT; on PATCH only checked when present.</summary>
    protected IRuleBuilder<T, TProperty> Required<TProperty>(Expression<Func<T, TProperty>> field) =>
        IsPatch ? RuleFor(field) : RuleFor(field).Required();

    /// <summary>Required text on PUT; on PATCH it may be absent, but a present value must not be empty.</summary>
    protected IRuleBuilder<T, string?> RequiredText(Expression<Func<T, string?>> field) =>
        IsPatch ? RuleFor(field).NotEmptyWhenPresent() : RuleFor(field).RequiredText();

    /// <summary>A <c>+</c> list: required with one element or more on PUT; on PATCH, if present, not empty.</summary>
    protected IRuleBuilder<T, IReadOnlyList<TItem>?> AtLeastOne<TItem>(Expression<Func<T, IReadOnlyList<TItem>?>> field) =>
        IsPatch ? RuleFor(field).NotEmptyListWhenPresent() : RuleFor(field).AtLeastOne();
}
