using Hangfire;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Commands;

namespace Platform.Api.Modules.ChargePoints;

/// <summary>
/// <c>ChargePoints:Simulator</c>: how the built-in simulated chargers behave. Read on every request, so an operator
/// (or a test) can change them on a running platform.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>How long a simulated charger takes to answer.</summary>
    [Platform.Api.Infrastructure.SettingRange("ChargePoints:Simulator:DelayMilliseconds", 0, 3600000)]
    public int DelayMilliseconds { get; init; } = 1000;

    /// <summary>
    /// Location ids whose chargers accept a command but never answer, as if they went offline: the sender then
    /// sees its command time out (M7). Empty by default.
    /// </summary>
    public IReadOnlyList<string> SilentLocations { get; init; } = [];
}

/// <summary>
/// The default <see cref="IChargePointGateway"/>: every charger takes every request, and answers after
/// <see cref="SimulatorOptions.DelayMilliseconds"/> through <see cref="SimulatedChargePointJob"/>, which decides
/// from the hosted CPO's own locations and sessions as a real charger would from its state.
/// </summary>
public sealed class SimulatedChargePoints(IBackgroundJobClient jobs, SimulatorOptions options, ILogger<SimulatedChargePoints> logger)
    : IChargePointGateway
{
    public Task<CommandResponseType> ForwardCommandAsync(ChargePointCommand command, CancellationToken ct)
    {
        var locationId = (string?)command.Body["location_id"];
        if (locationId is not null && options.SilentLocations.Contains(locationId, StringComparer.OrdinalIgnoreCase))
        {
            logger.LogInformation("Simulated charger at {LocationId} is silent: command {ReceivedRequestId} will never be answered", locationId, command.RequestId);
            return Task.FromResult(CommandResponseType.ACCEPTED);
        }
        jobs.Schedule<SimulatedChargePointJob>(job => job.RunCommandAsync(command.RequestId, CancellationToken.None),
            TimeSpan.FromMilliseconds(options.DelayMilliseconds));
        return Task.FromResult(CommandResponseType.ACCEPTED);
    }

    public Task<ChargingProfileResponseType> ForwardChargingProfileAsync(ChargePointProfileRequest request, CancellationToken ct)
    {
        jobs.Schedule<SimulatedChargePointJob>(job => job.RunChargingProfileAsync(request.RequestId, CancellationToken.None),
            TimeSpan.FromMilliseconds(options.DelayMilliseconds));
        return Task.FromResult(ChargingProfileResponseType.ACCEPTED);
    }
}
