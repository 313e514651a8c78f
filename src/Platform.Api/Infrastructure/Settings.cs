using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure;

public static class Settings
{
    /// <summary>
    /// Binds a settings class to its configuration section and checks its data annotations at start-up, so a bad
    /// value stops the platform with a message naming the key. The class itself is resolved per use from
    /// <see cref="IOptionsMonitor{T}"/>, so scoped and transient readers see a changed value without a restart;
    /// singletons take the monitor.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.TryAddTransient(sp => sp.GetRequiredService<IOptionsMonitor<T>>().CurrentValue);
        return services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }
}

/// <summary>A range check whose message names the configuration key (<c>Section:Key</c>).</summary>
public sealed class SettingRangeAttribute(string key, double minimum, double maximum) : RangeAttribute(minimum, maximum)
{
    public override string FormatErrorMessage(string name) => $"{key} must be between {Minimum} and {Maximum}";
}
