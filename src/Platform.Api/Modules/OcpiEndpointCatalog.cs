using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules;

/// <summary>
/// One interface this platform implements, as version details list it. <see cref="ServedBy"/> is the party role
/// that must take part in a connection for the interface to be listed to it (null: listed to every connection).
/// </summary>
public sealed record OcpiInterface(string Module, InterfaceRole Role, string RelativePath, Role? ServedBy);

/// <summary>Every OCPI interface the modules registered; version details are built from it.</summary>
public sealed class OcpiEndpointCatalog(IEnumerable<OcpiInterface> interfaces)
{
    public IReadOnlyList<OcpiInterface> Interfaces { get; } = interfaces.ToList();

    /// <summary>The interfaces a connection whose hosted parties hold <paramref name="roles"/> may use.</summary>
    public IEnumerable<OcpiInterface> For(IReadOnlySet<Role> roles) =>
        Interfaces.Where(i => i.ServedBy is null || roles.Contains(i.ServedBy.Value));
}

public static class OcpiEndpointCatalogRegistration
{
    public static IServiceCollection AddOcpiInterface(this IServiceCollection services, string module, InterfaceRole role,
        string relativePath, Role? servedBy) =>
        services.AddSingleton(new OcpiInterface(module, role, relativePath, servedBy));
}
