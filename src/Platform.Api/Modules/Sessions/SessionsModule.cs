using Mediator;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Infrastructure.Web;
using Platform.Api.Modules.Sessions.Receiver;
using Platform.Api.Modules.Sessions.Sender;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions;

/// <summary>Routes of the sessions module: the hosted CPO's Sender interface and the hosted eMSP's Receiver interface.</summary>
public static class SessionsModule
{
    public static readonly OcpiInterface Sender = new(ModuleIds.Sessions, InterfaceRole.SENDER, "sender/sessions", HostedRole: Role.CPO);
    public static readonly OcpiInterface Receiver = new(ModuleIds.Sessions, InterfaceRole.RECEIVER, "receiver/sessions", HostedRole: Role.EMSP, UrlOwnerRole: Role.CPO);

    public static IServiceCollection AddSessionsModule(this IServiceCollection services)
    {
        services.AddScoped<SessionWrites>();
        services.AddScoped<IPushModule, SessionPush>();
        services.AddScoped<IPullModule, SessionPull>();
        return services;
    }

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder ocpi)
    {
        var sender = ocpi.MapInterface(Sender);
        sender.MapGet("", (OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetSessions(ctx, page.Value), ct).AsOcpiResult());
        sender.MapPut("/{sessionId}/charging_preferences", (OcpiContext ctx, string sessionId, OcpiBody<ChargingPreferences> body, IMediator m,
            CancellationToken ct) => m.Send(new PutChargingPreferences(ctx, sessionId, body.Value), ct).AsOcpiResult());

        var receiver = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}/{sessionId}");
        receiver.MapGet("", (OcpiContext ctx, string countryCode, string partyId, string sessionId, IMediator m, CancellationToken ct) =>
            m.Send(new GetReceivedSession(ctx, new(countryCode, partyId), sessionId), ct).AsOcpiResult());
        receiver.MapPut("", (OcpiContext ctx, string countryCode, string partyId, string sessionId, OcpiBody<Session> body, IMediator m,
            CancellationToken ct) => m.Send(new PutSession(ctx, new(countryCode, partyId), sessionId, body.Value), ct).AsOcpiResult());
        receiver.MapPatch("", (OcpiContext ctx, string countryCode, string partyId, string sessionId, OcpiPatch<Session> body, IMediator m,
            CancellationToken ct) => m.Send(new PatchSession(ctx, new(countryCode, partyId), sessionId, body.Value, body.Json), ct).AsOcpiResult());
        return ocpi;
    }
}
