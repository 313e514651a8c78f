using Platform.Api.Infrastructure;

namespace Platform.Api.WebConsole;

/// <summary>The <c>Console</c> settings section.</summary>
public sealed class ConsoleOptions
{
    /// <summary>How long a console sign-in lasts; after it the browser must sign in again with the admin key.</summary>
    [SettingRange("Console:SessionHours", 1, 24 * 30)]
    public int SessionHours { get; set; } = 8;
}
