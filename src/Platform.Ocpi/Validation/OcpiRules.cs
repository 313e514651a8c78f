using System.Text.RegularExpressions;
using FluentValidation;

namespace Platform.Ocpi.Validation;

/// <summary>The OCPI 2.2.1 field types as FluentValidation rules (types.asciidoc).</summary>
public static partial class OcpiRules
{
    /// <summary>CiString(n): printable ASCII, at most n characters.</summary>
    public static IRuleBuilderOptions<T, string?> CiString<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(v => v is null || v.All(c => c is >= ' ' and <= '~'))
            .WithMessage("must be printable ASCII (CiString)")
            .MaximumLength(maxLength).WithMessage($"must be at most {maxLength} characters");

    /// <summary>string(n): printable UTF-8 without control characters, at most n characters.</summary>
    public static IRuleBuilderOptions<T, string?> OcpiString<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(v => v is null || !v.Any(char.IsControl))
            .WithMessage("must not contain control characters")
            .MaximumLength(maxLength).WithMessage($"must be at most {maxLength} characters");

    /// <summary>URL: string(255), an absolute URI.</summary>
    public static IRuleBuilderOptions<T, string?> OcpiUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(255).WithMessage("must be at most 255 characters")
            .Must(v => v is null || Uri.TryCreate(v, UriKind.Absolute, out _)).WithMessage("must be an absolute URL");

    /// <summary>A required field: present and, for strings, not empty.</summary>
    public static IRuleBuilderOptions<T, TProperty> Required<T, TProperty>(this IRuleBuilder<T, TProperty> rule) =>
        rule.NotNull().WithMessage("is required");

    public static IRuleBuilderOptions<T, string?> RequiredText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("is required");

    /// <summary>A <c>+</c> list: present with at least one element.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> AtLeastOne<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule) =>
        rule.NotNull().WithMessage("is required").Must(l => l is null || l.Count > 0).WithMessage("must hold at least one element");

    /// <summary>Enum values must be defined members (a cast integer would not be).</summary>
    public static IRuleBuilderOptions<T, TEnum?> Defined<T, TEnum>(this IRuleBuilder<T, TEnum?> rule) where TEnum : struct, Enum =>
        rule.Must(v => v is null || Enum.IsDefined(v.Value)).WithMessage("is not a value OCPI 2.2.1 defines");

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CountryCodePattern();

    [GeneratedRegex("^[A-Z0-9]{3}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PartyIdPattern();

    /// <summary>CiString(2), ISO 3166-1 alpha-2.</summary>
    public static IRuleBuilderOptions<T, string?> CountryCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || CountryCodePattern().IsMatch(v)).WithMessage("must be an ISO 3166-1 alpha-2 country code (2 letters)");

    /// <summary>CiString(3), the ISO 15118 party id.</summary>
    public static IRuleBuilderOptions<T, string?> PartyId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || PartyIdPattern().IsMatch(v)).WithMessage("must be a party id of 3 letters or digits");
}
