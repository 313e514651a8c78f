using Mediator;
using Platform.Api.Infrastructure.Web;
using Platform.Api.Modules.Locations.Receiver;
using Platform.Api.Modules.Locations.Sender;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations;

/// <summary>
/// Routes of the locations module: the Sender interface a hosted CPO serves, and the Receiver interface a hosted
/// eMSP serves, each behind the routing middleware that resolves the hosted party and the caller.
/// </summary>
public static class LocationsModule
{
    public static readonly OcpiInterface Sender = new(ModuleIds.Locations, InterfaceRole.SENDER, "sender/locations", HostedRole: Role.CPO);
    public static readonly OcpiInterface Receiver = new(ModuleIds.Locations, InterfaceRole.RECEIVER, "receiver/locations", HostedRole: Role.EMSP, UrlOwnerRole: Role.CPO);

    public static IServiceCollection AddLocationsModule(this IServiceCollection services)
    {
        services.AddScoped<LocationWrites>();
        services.AddScoped<LocationPublication>();
        services.AddScoped<Platform.Api.Infrastructure.Outbox.IPushModule, LocationPush>();
        services.AddScoped<Platform.Api.Infrastructure.Sync.IPullModule, LocationPull>();
        return services;
    }

    public static IEndpointRouteBuilder MapLocations(this IEndpointRouteBuilder ocpi)
    {
        var sender = ocpi.MapInterface(Sender);
        sender.MapGet("", (OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetLocations(ctx, page.Value), ct).AsOcpiResult());
        sender.MapGet("/{locationId}", (OcpiContext ctx, string locationId, IMediator m, CancellationToken ct) =>
            m.Send(new GetLocation(ctx, new(locationId)), ct).AsOcpiResult());
        sender.MapGet("/{locationId}/{evseUid}", (OcpiContext ctx, string locationId, string evseUid, IMediator m, CancellationToken ct) =>
            m.Send(new GetLocation(ctx, new(locationId, evseUid)), ct).AsOcpiResult());
        sender.MapGet("/{locationId}/{evseUid}/{connectorId}", (OcpiContext ctx, string locationId, string evseUid, string connectorId, IMediator m,
            CancellationToken ct) => m.Send(new GetLocation(ctx, new(locationId, evseUid, connectorId)), ct).AsOcpiResult());

        var receiver = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}");
        const string location = "/{locationId}", evse = "/{locationId}/{evseUid}", connector = "/{locationId}/{evseUid}/{connectorId}";

        receiver.MapGet(location, (OcpiContext ctx, string countryCode, string partyId, string locationId, IMediator m, CancellationToken ct) =>
            m.Send(new GetReceivedLocation(ctx, new(countryCode, partyId), new(locationId)), ct).AsOcpiResult());
        receiver.MapGet(evse, (OcpiContext ctx, string countryCode, string partyId, string locationId, string evseUid, IMediator m, CancellationToken ct) =>
            m.Send(new GetReceivedLocation(ctx, new(countryCode, partyId), new(locationId, evseUid)), ct).AsOcpiResult());
        receiver.MapGet(connector, (OcpiContext ctx, string countryCode, string partyId, string locationId, string evseUid, string connectorId,
            IMediator m, CancellationToken ct) =>
            m.Send(new GetReceivedLocation(ctx, new(countryCode, partyId), new(locationId, evseUid, connectorId)), ct).AsOcpiResult());

        receiver.MapPut(location, (OcpiContext ctx, string countryCode, string partyId, string locationId, OcpiBody<Location> body, IMediator m,
            CancellationToken ct) => m.Send(new PutLocation(ctx, new(countryCode, partyId), new(locationId), body.Value), ct).AsOcpiResult());
        receiver.MapPut(evse, (OcpiContext ctx, string countryCode, string partyId, string locationId, string evseUid, OcpiBody<Evse> body,
            IMediator m, CancellationToken ct) =>
            m.Send(new PutLocation(ctx, new(countryCode, partyId), new(locationId, evseUid), body.Value), ct).AsOcpiResult());
        receiver.MapPut(connector, (OcpiContext ctx, string countryCode, string partyId, string locationId, string evseUid, string connectorId,
            OcpiBody<Connector> body, IMediator m, CancellationToken ct) =>
            m.Send(new PutLocation(ctx, new(countryCode, partyId), new(locationId, evseUid, connectorId), body.Value), ct).AsOcpiResult());

        receiver.MapPatch(location, (OcpiContext ctx, string countryCode, string partyId, string locationId, OcpiBody<Location> body, IMediator m,
            CancellationToken ct) => m.Send(new PatchLocation(ctx, new(countryCode, partyId), new(locationId), body.Value), ct).AsOcpiResult());
        receiver.MapPatch(evse, (OcpiContext ctx, string countryCode, string partyId, string locationId, string evseUid, OcpiBody<Evse> body,
            IMediator m, CancellationToken ct) =>
            m.Send(new PatchLocation(ctx, new(countryCode, partyId), new(locationId, evseUid), body.Value), ct).AsOcpiResult());
        receiver.MapPatch(connector, (OcpiContext ctx, string countryCode, string partyId, string locationId, string evseUid, string connectorId,
            OcpiBody<Connector> body, IMediator m, CancellationToken ct) =>
            m.Send(new PatchLocation(ctx, new(countryCode, partyId), new(locationId, evseUid, connectorId), body.Value), ct).AsOcpiResult());
        return ocpi;
    }
}
