using System.Text.RegularExpressions;
using FluentValidation;

namespace Platform.Ocpi.Validation;

/// <summary>The OCPI 2.2.1 field types as FluentValidation rules (types.asciidoc).</summary>
public static partial class OcpiRules
{
    /// <summary>CiString(n): printable ASCII, at most n characters.</summary>
    public static IRuleBuilderOptions<T, string?> CiString<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.PrintableAscii().MaximumLength(maxLength).WithMessage($"must be at most {maxLength} characters");

    private static IRuleBuilderOptions<T, string?> PrintableAscii<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || v.All(c => c is >= ' ' and <= '~')).WithMessage("must be printable ASCII (CiString)");

    /// <summary>A Location id or EVSE uid, or a reference to one: CiString(36), 39 while a 2.1.1 message is read (<see cref="LocationIdLength"/>).</summary>
    public static IRuleBuilderOptions<T, string?> LocationIdString<T>(this IRuleBuilder<T, string?> rule) =>
        rule.PrintableAscii()
            .Must(v => v is null || v.Length <= LocationIdLength.Max).WithMessage(_ => $"must be at most {LocationIdLength.Max} characters");

    /// <summary>string(n): printable UTF-8 without control characters, at most n characters.</summary>
    public static IRuleBuilderOptions<T, string?> OcpiString<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.Must(v => v is null || !v.Any(char.IsControl))
            .WithMessage("must not contain control characters")
            .MaximumLength(maxLength).WithMessage($"must be at most {maxLength} characters");

    // On Unix, Uri.TryCreate("/some/path", UriKind.Absolute) succeeds as an implicit file:// URI, so the scheme
    // must be written out for a value to count as absolute.
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();

    /// <summary>URL: string(255), an absolute URI with its scheme written out.</summary>
    public static IRuleBuilderOptions<T, string?> OcpiUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(255).WithMessage("must be at most 255 characters")
            .Must(v => v is null || (SchemePattern().IsMatch(v) && Uri.TryCreate(v, UriKind.Absolute, out _)))
            .WithMessage("must be an absolute URL");

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

    /// <summary>A list element enum (<c>facilities</c>, <c>capabilities</c>, …) must be a defined member.</summary>
    public static IRuleBuilderOptions<T, TEnum> Defined<T, TEnum>(this IRuleBuilder<T, TEnum> rule) where TEnum : struct, Enum =>
        rule.Must(v => Enum.IsDefined(v)).WithMessage("is not a value OCPI 2.2.1 defines");

    /// <summary>A present required string in a PATCH: the field may be absent, but not set to "".</summary>
    public static IRuleBuilderOptions<T, string?> NotEmptyWhenPresent<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || v.Length > 0).WithMessage("must not be empty");

    /// <summary>A <c>+</c> list in a PATCH: may be absent, but not sent empty.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> NotEmptyListWhenPresent<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule) =>
        rule.Must(l => l is null || l.Count > 0).WithMessage("must hold at least one element");

    /// <summary>List elements must not be JSON null (the child validators would skip them silently).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> NoNullElements<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule) =>
        rule.Must(l => l is null || l.All(e => e is not null)).WithMessage("must not contain null elements");

    public static IRuleBuilderOptions<T, int?> Positive<T>(this IRuleBuilder<T, int?> rule) =>
        rule.Must(v => v is null || v > 0).WithMessage("must be > 0");

    public static IRuleBuilderOptions<T, int?> AtMost<T>(this IRuleBuilder<T, int?> rule, int max) =>
        rule.Must(v => v is null || v <= max).WithMessage($"must be <= {max}");

    /// <summary>Each element's key (case-insensitively, as CiStrings compare) at most once, e.g. EVSE uids of a location.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> UniqueBy<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule,
        Func<TItem, string?> key, string keyName) =>
        rule.Must(items => items is null || items.Where(i => i is not null && key(i) is not null)
                .GroupBy(i => key(i)!, StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1))
            .WithMessage($"must not list the same {keyName} twice");

    public static IRuleBuilderOptions<T, int?> NotNegative<T>(this IRuleBuilder<T, int?> rule) =>
        rule.Must(v => v is null || v >= 0).WithMessage("must be >= 0");

    public static IRuleBuilderOptions<T, decimal?> NotNegative<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(v => v is null || v >= 0).WithMessage("must be >= 0");

    /// <summary>ChargingProfile limits and rates: "accepts at most one digit fraction (e.g. 8.1)".</summary>
    public static IRuleBuilderOptions<T, decimal?> OneDecimal<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.Must(v => v is null || v == Math.Round(v.Value, 1)).WithMessage("must have at most one decimal");

    // mod_locations §GeoLocation: the regexes bound the digits, not the range, so WGS 84 bounds are checked too.
    [GeneratedRegex(@"^-?[0-9]{1,2}\.[0-9]{5,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex LatitudePattern();

    [GeneratedRegex(@"^-?[0-9]{1,3}\.[0-9]{5,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex LongitudePattern();

    public static IRuleBuilderOptions<T, string?> Latitude<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || (LatitudePattern().IsMatch(v) && Math.Abs(decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture)) <= 90))
            .WithMessage("must be a latitude between -90 and 90 with 5 to 7 decimals, e.g. \"51.047599\"");

    public static IRuleBuilderOptions<T, string?> Longitude<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || (LongitudePattern().IsMatch(v) && Math.Abs(decimal.Parse(v, System.Globalization.CultureInfo.InvariantCulture)) <= 180))
            .WithMessage("must be a longitude between -180 and 180 with 5 to 7 decimals, e.g. \"3.729944\"");

    [GeneratedRegex("^([0-1][0-9]|2[0-3]):[0-5][0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalTimePattern();

    [GeneratedRegex("^([12][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalDatePattern();

    public static bool IsLocalTime(string? value) => value is not null && LocalTimePattern().IsMatch(value);

    /// <summary>string(5) "HH:MM", 00:00 to 23:59 (RegularHours, TariffRestrictions).</summary>
    public static IRuleBuilderOptions<T, string?> LocalTime<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || IsLocalTime(v)).WithMessage("must be a time HH:MM between 00:00 and 23:59");

    /// <summary>string(10) "YYYY-MM-DD" (TariffRestrictions).</summary>
    public static IRuleBuilderOptions<T, string?> LocalDate<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || LocalDatePattern().IsMatch(v)).WithMessage("must be a date YYYY-MM-DD");

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex ThreeUpperLettersPattern();

    [GeneratedRegex("^[a-z]{2}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex LanguagePattern();

    /// <summary>string(3), ISO 4217 (Session, CDR, Tariff <c>currency</c>).</summary>
    public static IRuleBuilderOptions<T, string?> Currency<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || ThreeUpperLettersPattern().IsMatch(v)).WithMessage("must be an ISO 4217 currency code (3 capital letters)");

    /// <summary>string(3), ISO 3166-1 alpha-3 (Location and CdrLocation <c>country</c>).</summary>
    public static IRuleBuilderOptions<T, string?> CountryAlpha3<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || ThreeUpperLettersPattern().IsMatch(v)).WithMessage("must be an ISO 3166-1 alpha-3 country code (3 capital letters)");

    /// <summary>string(2), ISO 639-1.</summary>
    public static IRuleBuilderOptions<T, string?> Language<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || LanguagePattern().IsMatch(v)).WithMessage("must be an ISO 639-1 language code (2 letters)");
}
