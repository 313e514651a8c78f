using Platform.Api.Modules.Locations.Receiver;
using Platform.Api.Modules.Locations.Sender;
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
        const string location = "/{locationId}", evse = "/{locationId}/{evseUid}", connector = "/{locationId}/{evseUid}/{connectorId}";

        var sender = ocpi.MapInterface(Sender);
        sender.MapGet("", ListLocations);
        sender.MapGet(location, GetLocation);
        sender.MapGet(evse, GetLocation);
        sender.MapGet(connector, GetLocation);

        var receiver = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}");
        receiver.MapGet(location, GetReceived);
        receiver.MapGet(evse, GetReceived);
        receiver.MapGet(connector, GetReceived);
        receiver.MapPut(location, PutLocation);
        receiver.MapPut(evse, PutEvse);
        receiver.MapPut(connector, PutConnector);
        receiver.MapPatch(location, PatchLocation);
        receiver.MapPatch(evse, PatchEvse);
        receiver.MapPatch(connector, PatchConnector);
        return ocpi;
    }

    private static Task<IResult> ListLocations(OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) =>
        m.Send(new GetLocations(ctx, page.Value), ct).AsOcpiResult();

    private static Task<IResult> GetLocation(OcpiContext ctx, LocationPath path, IMediator m, CancellationToken ct) =>
        m.Send(new Sender.GetLocation(ctx, path), ct).AsOcpiResult();

    private static Task<IResult> GetReceived(OcpiContext ctx, string countryCode, string partyId, LocationPath path, IMediator m, CancellationToken ct) =>
        m.Send(new GetReceivedLocation(ctx, new(countryCode, partyId), path), ct).AsOcpiResult();

    private static Task<IResult> PutLocation(OcpiContext ctx, string countryCode, string partyId, LocationPath path, OcpiBody<Location> body, IMediator m, CancellationToken ct) =>
        m.Send(new PutLocation(ctx, new(countryCode, partyId), path, new LocationBody.Whole(body.Value)), ct).AsOcpiResult();

    private static Task<IResult> PutEvse(OcpiContext ctx, string countryCode, string partyId, LocationPath path, OcpiBody<Evse> body, IMediator m, CancellationToken ct) =>
        m.Send(new PutLocation(ctx, new(countryCode, partyId), path, new LocationBody.OfEvse(body.Value)), ct).AsOcpiResult();

    private static Task<IResult> PutConnector(OcpiContext ctx, string countryCode, string partyId, LocationPath path, OcpiBody<Connector> body, IMediator m, CancellationToken ct) =>
        m.Send(new PutLocation(ctx, new(countryCode, partyId), path, new LocationBody.OfConnector(body.Value)), ct).AsOcpiResult();

    private static Task<IResult> PatchLocation(OcpiContext ctx, string countryCode, string partyId, LocationPath path, OcpiPatch<Location> body, IMediator m, CancellationToken ct) =>
        m.Send(new PatchLocation(ctx, new(countryCode, partyId), path, new LocationBody.Whole(body.Value, body.Json)), ct).AsOcpiResult();

    private static Task<IResult> PatchEvse(OcpiContext ctx, string countryCode, string partyId, LocationPath path, OcpiPatch<Evse> body, IMediator m, CancellationToken ct) =>
        m.Send(new PatchLocation(ctx, new(countryCode, partyId), path, new LocationBody.OfEvse(body.Value, body.Json)), ct).AsOcpiResult();

    private static Task<IResult> PatchConnector(OcpiContext ctx, string countryCode, string partyId, LocationPath path, OcpiPatch<Connector> body, IMediator m, CancellationToken ct) =>
        m.Send(new PatchLocation(ctx, new(countryCode, partyId), path, new LocationBody.OfConnector(body.Value, body.Json)), ct).AsOcpiResult();
}
