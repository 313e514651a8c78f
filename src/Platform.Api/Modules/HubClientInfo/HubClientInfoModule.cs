using Platform.Ocpi.Model.HubClientInfo;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.HubClientInfo;

/// <summary>
/// The HubClientInfo Receiver interface every party connected to a Hub implements (2.2.1 §4.8). A configuration
/// module: authenticated by the connection's token only, no routing headers, listed to every connection.
/// </summary>
public static class HubClientInfoModule
{
    public static readonly OcpiInterface Receiver = new(ModuleIds.HubClientInfo, InterfaceRole.RECEIVER, "receiver/hubclientinfo", HostedRole: null);

    public static IServiceCollection AddHubClientInfoModule(this IServiceCollection services)
    {
        services.AddScoped<ClientInfoStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapHubClientInfo(this IEndpointRouteBuilder ocpi)
    {
        var group = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}");
        group.MapPut("", (string countryCode, string partyId, OcpiBody<ClientInfo> body, IMediator m, CancellationToken ct) =>
            m.Send(new PutClientInfo(countryCode, partyId, body.Value), ct).AsOcpiResult());
        group.MapGet("", (string countryCode, string partyId, IMediator m, CancellationToken ct) =>
            m.Send(new GetClientInfo(countryCode, partyId), ct).AsOcpiResult());
        return ocpi;
    }
}
