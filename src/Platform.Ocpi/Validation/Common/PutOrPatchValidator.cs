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
    private readonly HashSet<string> _requiredFields = [];

    protected PutOrPatchValidator(bool patch) => IsPatch = patch;

    protected bool IsPatch { get; }

    /// <summary>
    /// The wire names of the fields a whole object must carry. A PATCH may leave them out but never set them to
    /// <c>null</c>: that would leave the object without them (2001); an optional field set to null is cleared.
    /// </summary>
    public IReadOnlySet<string> RequiredFields => _requiredFields;

    /// <summary>Required on PUT; on PATCH only checked when present.</summary>
    protected IRuleBuilder<T, TProperty> Required<TProperty>(Expression<Func<T, TProperty>> field) =>
        IsPatch ? RuleFor(Mark(field)) : RuleFor(field).Required();

    /// <summary>Required text on PUT; on PATCH it may be absent, but a present value must not be empty.</summary>
    protected IRuleBuilder<T, string?> RequiredText(Expression<Func<T, string?>> field) =>
        IsPatch ? RuleFor(Mark(field)).NotEmptyWhenPresent() : RuleFor(field).RequiredText();

    /// <summary>A <c>+</c> list: required with one element or more on PUT; on PATCH, if present, not empty.</summary>
    protected IRuleBuilder<T, IReadOnlyList<TItem>?> AtLeastOne<TItem>(Expression<Func<T, IReadOnlyList<TItem>?>> field) =>
        IsPatch ? RuleFor(Mark(field)).NotEmptyListWhenPresent() : RuleFor(field).AtLeastOne();

    private Expression<Func<T, TProperty>> Mark<TProperty>(Expression<Func<T, TProperty>> field)
    {
        if (field.Body is MemberExpression member) _requiredFields.Add(SnakeCaseNames.Of(member.Member));
        return field;
    }
}
