using FluentValidation.Results;

namespace Platform.Ocpi.Validation;

/// <summary>Formats validation failures the way OCPI status messages carry them.</summary>
public static class OcpiValidation
{
    /// <summary><c>evses[0].connectors[1].max_voltage: must be &gt; 0; id: is required</c></summary>
    public static string Describe(ValidationResult result) =>
        string.Join("; ", result.Errors.Select(Describe));

    public static string Describe(ValidationFailure failure) =>
        string.IsNullOrEmpty(failure.PropertyName) ? failure.ErrorMessage : $"{failure.PropertyName}: {failure.ErrorMessage}";
}
