using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Api.Modules.ChargePoints;

public static class ChargePointsSetup
{
    /// <summary>The charge-point seam: the simulator, unless an OCPP gateway registered <see cref="IChargePointGateway"/> first.</summary>
    public static IServiceCollection AddChargePoints(this IServiceCollection services)
    {
        services.TryAddScoped<IChargePointGateway, SimulatedChargePoints>();
        services.TryAddScoped<ChargePointOutcomes>();
        services.TryAddScoped<SimulatedChargePointJob>();
        return services;
    }
}
