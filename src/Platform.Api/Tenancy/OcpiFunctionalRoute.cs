using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Tenancy;

/// <summary>
/// Endpoint metadata of a functional-module route: the module, the interface role we serve it in, the role the
/// hosted party must hold to serve it, and, for Receiver routes whose URL names the data owner
/// (<c>{countryCode}/{partyId}</c>), the role that owner must hold among the connection's remote parties.
/// </summary>
public sealed record OcpiFunctionalRoute(string Module, InterfaceRole Interface, Role HostedRole, Role? UrlOwnerRole = null);

public static class OcpiFunctionalRouteExtensions
{
    /// <summary>Marks every endpoint of the group as routed to a hosted party by <see cref="OcpiRoutingMiddleware"/>.</summary>
    public static TBuilder RoutedAs<TBuilder>(this TBuilder builder, OcpiFunctionalRoute route) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(route);
}
