using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Modules.Sessions.Receiver;
using Platform.Api.Modules.Sessions.Sender;
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
        sender.MapGet("", ListSessions);
        sender.MapPut("/{sessionId}/charging_preferences", PutPreferences);

        var receiver = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}/{sessionId}");
        receiver.MapGet("", GetReceived);
        receiver.MapPut("", PutReceived);
        receiver.MapPatch("", PatchReceived);
        return ocpi;
    }

    /// <summary>A Receiver URL: the session's CPO and id.</summary>
    public sealed record SessionUrl(string CountryCode, string PartyId, string SessionId)
    {
        public PartyRef Owner => new(CountryCode, PartyId);
    }

    private static Task<IResult> ListSessions(OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) =>
        m.Send(new GetSessions(ctx, page.Value), ct).AsOcpiResult();

    private static Task<IResult> PutPreferences(OcpiContext ctx, string sessionId, OcpiBody<ChargingPreferences> body, IMediator m, CancellationToken ct) =>
        m.Send(new PutChargingPreferences(ctx, sessionId, body.Value), ct).AsOcpiResult();

    private static Task<IResult> GetReceived(OcpiContext ctx, [AsParameters] SessionUrl url, IMediator m, CancellationToken ct) =>
        m.Send(new GetReceivedSession(ctx, url.Owner, url.SessionId), ct).AsOcpiResult();

    private static Task<IResult> PutReceived(OcpiContext ctx, [AsParameters] SessionUrl url, OcpiBody<Session> body, IMediator m, CancellationToken ct) =>
        m.Send(new PutSession(ctx, url.Owner, url.SessionId, body.Value), ct).AsOcpiResult();

    private static Task<IResult> PatchReceived(OcpiContext ctx, [AsParameters] SessionUrl url, OcpiPatch<Session> body, IMediator m, CancellationToken ct) =>
        m.Send(new PatchSession(ctx, url.Owner, url.SessionId, body.Value, body.Json), ct).AsOcpiResult();
}
