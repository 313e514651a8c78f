using System.Text.Json;
using Platform.Ocpi.Json;

namespace Platform.Ocpi.Validation;

/// <summary>
/// Reads one wire object received as JSON and checks it with its complete-object validator: the value when it is
/// valid, else what is wrong with it, each failure with its wire path (a pulled list item, a probed object).
/// </summary>
public static class WireCheck
{
    public readonly record struct Outcome<T>(T? Value, string? Problem) where T : class
    {
        public bool IsValid => Problem is null;
    }

    public static Outcome<T> Read<T>(JsonElement item) where T : class
    {
        T? value;
        try { value = item.Deserialize<T>(OcpiJson.Options); }
        catch (JsonException e) { return new(null, $"unreadable: {e.Message}"); }
        if (value is null) return new(null, "null");
        var result = WireValidators.Put<T>().Validate(value);
        return new(value, result.IsValid ? null : OcpiValidation.Describe(result));
    }
}
