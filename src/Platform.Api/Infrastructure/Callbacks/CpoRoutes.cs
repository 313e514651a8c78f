using Platform.Api.Modules.Credentials;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>The connection a hosted eMSP's request to a CPO goes over, or why there is none.</summary>
public sealed record CpoRoute(string? ConnectionId, string? Kind, string? Unreachable);

/// <summary>
/// The connection over which a hosted eMSP reaches the named CPO for a module, from the routing table (internal
/// first, then a direct peer, then a Hub that reports the CPO CONNECTED); a remote route must list the module's
/// Receiver endpoint.
/// </summary>
public sealed class CpoRoutes(RoutingTable routes)
{
    public async Task<CpoRoute> FindAsync(long hostedPartyId, string cpoKey, string module, CancellationToken ct)
    {
        var route = await routes.FindAsync(hostedPartyId, cpoKey, "CPO", ct);
        if (route is null)
            return new CpoRoute(null, null, $"no registered connection carries both this eMSP and {cpoKey} as a CPO");
        if (!route.Internal && !PeerVersion.Parse(route.Connection.Endpoints).Any(e => e.Identifier == module && e.Role == InterfaceRole.RECEIVER))
            return new CpoRoute(null, null, $"the platform reaching {cpoKey} lists no {module} RECEIVER endpoint");
        return new CpoRoute(route.Connection.Id, route.Connection.Kind, null);
    }
}
