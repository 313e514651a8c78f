using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules;

/// <summary>
/// One OCPI interface (module × interface role) this platform implements, declared once per module: mapping its
/// route group attaches it as endpoint metadata, the routing middleware reads it from there, and version details
/// list it from the mapped endpoints (<see cref="OcpiEndpointCatalog"/>), so a new version adds descriptors, not twins.
/// <para><see cref="HostedRole"/> is the role a hosted party must hold to serve it; null for the configuration
/// modules (credentials, hubclientinfo), which are listed to every connection and not routed to a party.
/// <see cref="UrlOwnerRole"/>, for Receiver URLs that name the data owner (<c>{countryCode}/{partyId}</c>), is the
/// role that owner must hold among the connection's remote parties.</para>
/// </summary>
public sealed record OcpiInterface(string Module, InterfaceRole Role, string RelativePath, Role? HostedRole, Role? UrlOwnerRole = null)
{
    /// <summary>Functional modules are routed to a hosted party before any handler runs.</summary>
    public bool Routed => HostedRole is not null;
}

public static class OcpiInterfaceMapping
{
    /// <summary>
    /// The route group of an interface (<c>/ocpi/{version}/{relative path}{suffix}</c>, under every version switched on),
    /// carrying its descriptor; what differs between versions is translated at the edge (<see cref="Versions.WireEdge"/>).
    /// </summary>
    public static RouteGroupBuilder MapInterface(this IEndpointRouteBuilder ocpi, OcpiInterface descriptor, string suffix = "") =>
        ocpi.MapGroup($"/{{{Versions.OcpiVersionRouteConstraint.Parameter}:{Versions.OcpiVersionRouteConstraint.Name}}}/{descriptor.RelativePath}{suffix}").WithMetadata(descriptor)
            // Token A may only register (2.2.1 credentials): every other interface needs the token of a registered connection.
            .WithMetadata(descriptor.Module == ModuleIds.Credentials ? OcpiAccess.AnyToken : OcpiAccess.Registered);
}

/// <summary>Every OCPI interface mapped in this process, read from the endpoints' metadata; version details are built from it.</summary>
public sealed class OcpiEndpointCatalog(EndpointDataSource endpoints)
{
    private IReadOnlyList<OcpiInterface>? _interfaces;

    public IReadOnlyList<OcpiInterface> Interfaces => _interfaces ??= endpoints.Endpoints
        .Select(e => e.Metadata.GetMetadata<OcpiInterface>()).OfType<OcpiInterface>().Distinct().ToList();

    /// <summary>The interfaces a connection whose hosted parties hold <paramref name="roles"/> may use in <paramref name="version"/>.</summary>
    public IEnumerable<OcpiInterface> For(IReadOnlySet<Role> roles, string version = OcpiVersions.V221) =>
        Interfaces.Where(i => (i.HostedRole is null || roles.Contains(i.HostedRole.Value)) && Versions.VersionModules.Has(version, i.Module));
}
