using Platform.Api.Infrastructure;
using Platform.Api.Modules.Cdrs.Audit;

namespace Platform.Api.Modules.Tariffs;

public static class PricingSetup
{
    /// <summary>Prices and audits: the CPO side prices CDRs from its tariffs, the eMSP side audits what it receives.</summary>
    public static IServiceCollection AddPricing(this IServiceCollection services)
    {
        services.AddSettings<CdrAuditOptions>(CdrAuditOptions.Section);
        services.AddScoped<TariffLookup>();
        services.AddScoped<CdrPricer>();
        services.AddScoped<CdrAuditStore>();
        services.AddScoped<CdrAuditor>();
        return services;
    }
}
