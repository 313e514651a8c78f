using Microsoft.Extensions.DependencyInjection.Extensions;

using Platform.Api.Infrastructure;

namespace Platform.Api.Modules.ChargePoints;

public static class ChargePointsSetup
{
    /// <summary>
    /// The charge-point seam, shared by Commands and ChargingProfiles: the simulator, unless an OCPP gateway registered
    /// <see cref="IChargePointGateway"/> first.
    /// </summary>
    public static IServiceCollection AddChargePoints(this IServiceCollection services)
    {
        services.TryAddScoped<IChargePointGateway, SimulatedChargePoints>();
        services.TryAddScoped<ChargePointOutcomes>();
        services.TryAddScoped<SimulatedChargePointJob>();
        // The timeout both modules' Receivers answer with; read per request.
        services.AddSettings<Commands.CommandOptions>("Commands");
        services.AddSettings<SimulatorOptions>("ChargePoints:Simulator");
        services.TryAddScoped<Commands.Reservations>();
        services.AddHostedService<SimulatorRecovery>();
        return services;
    }
}
