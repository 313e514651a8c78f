using Platform.Api.Infrastructure;

namespace Platform.Api.Modules.Commands;

/// <summary><c>Commands</c> settings of a hosted CPO's Receiver side.</summary>
public sealed class CommandOptions
{
    /// <summary>
    /// The CommandResponse/ChargingProfileResponse <c>timeout</c>: how many seconds a sender should wait for the
    /// result before treating it as lost (M7). Read per request, so it can be changed on a running platform.
    /// </summary>
    [SettingRange("Commands:ResultTimeoutSeconds", 1, 86400)]
    public int ResultTimeoutSeconds { get; init; } = 30;
}
