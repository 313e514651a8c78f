using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Versions;

/// <summary>Which of our modules exist in each OCPI version (2.1.1 has no chargingprofiles and no hubclientinfo).</summary>
public static class VersionModules
{
    private static readonly HashSet<string> NotIn211 = [ModuleIds.ChargingProfiles, ModuleIds.HubClientInfo];

    public static bool Has(string version, string module) => version != OcpiVersions.V211 || !NotIn211.Contains(module);

    /// <summary>2.1.1 has no platforms or roles: one party on each side, no routing headers, the raw token.</summary>
    public static bool IsSingleParty(string? version) => version == OcpiVersions.V211;
}

public static class VersionsSetup
{
    /// <summary>The versions switched on, their route constraint, and the translators at the edge.</summary>
    public static IServiceCollection AddOcpiVersions(this IServiceCollection services)
    {
        services.AddSingleton<ProtocolVersions>();
        services.AddRouting(o => o.SetParameterPolicy<OcpiVersionRouteConstraint>(OcpiVersionRouteConstraint.Name));
        services.AddSingleton<IWireTranslator, Translator211>();
        services.AddSingleton<IWireTranslator, Translator221>();
        services.AddSingleton<IWireTranslator, Translator230>();
        services.AddScoped<WireEdge>();
        return services;
    }
}
