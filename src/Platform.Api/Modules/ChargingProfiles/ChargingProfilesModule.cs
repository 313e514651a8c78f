using Platform.Api.Admin;
using Platform.Api.Infrastructure;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Modules.ChargePoints;
using Platform.Api.Modules.ChargingProfiles.BackOffice;
using Platform.Api.Modules.ChargingProfiles.Receiver;
using Platform.Api.Modules.ChargingProfiles.Sender;
using Platform.Api.Modules.Commands;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.ChargingProfiles;

/// <summary>
/// Routes of the chargingprofiles module: the hosted CPO's Receiver (GET/PUT/DELETE {session_id}), the hosted eMSP's
/// Sender (results at the response_url it gives out, ActiveChargingProfile PUTs), and the eMSP's back office.
/// </summary>
public static class ChargingProfilesModule
{
    public static readonly OcpiInterface Receiver = new(ModuleIds.ChargingProfiles, InterfaceRole.RECEIVER, "receiver/chargingprofiles", HostedRole: Role.CPO);
    public static readonly OcpiInterface Sender = new(ModuleIds.ChargingProfiles, InterfaceRole.SENDER, "sender/chargingprofiles", HostedRole: Role.EMSP);
    public const string ResultsSegment = "results";

    public static IServiceCollection AddChargingProfilesModule(this IServiceCollection services)
    {
        services.AddCallbacks();
        services.AddChargePoints();
        services.AddSettings<ChargingProfileOptions>("ChargingProfiles");
        services.AddScoped<ChargingProfileCallbacks>();
        services.AddScoped<ISentRequestModule>(sp => sp.GetRequiredService<ChargingProfileCallbacks>());
        services.AddScoped<IInternalCallbackReceiver>(sp => sp.GetRequiredService<ChargingProfileCallbacks>());
        return services;
    }

    public static IEndpointRouteBuilder MapChargingProfiles(this IEndpointRouteBuilder ocpi)
    {
        var receiver = ocpi.MapInterface(Receiver, "/{sessionId}");
        receiver.MapGet("", (OcpiContext ctx, string sessionId, string? duration, string? response_url, IMediator m, CancellationToken ct) =>
            m.Send(new ReceiveChargingProfileRequest(ctx, ChargingProfileRequestType.GET, sessionId, response_url, duration, null), ct).AsOcpiResult());
        receiver.MapPut("", (OcpiContext ctx, string sessionId, OcpiBody<SetChargingProfile> body, IMediator m, CancellationToken ct) =>
            m.Send(new ReceiveChargingProfileRequest(ctx, ChargingProfileRequestType.SET, sessionId, null, null, body.Value), ct).AsOcpiResult());
        receiver.MapDelete("", (OcpiContext ctx, string sessionId, string? response_url, IMediator m, CancellationToken ct) =>
            m.Send(new ReceiveChargingProfileRequest(ctx, ChargingProfileRequestType.CLEAR, sessionId, response_url, null, null), ct).AsOcpiResult());

        var sender = ocpi.MapInterface(Sender);
        sender.MapPost($"/{ResultsSegment}/{{requestId}}", (OcpiContext ctx, string requestId, OcpiBody<JsonObject> body, IMediator m, CancellationToken ct) =>
            m.Send(new ReceiveChargingProfileResult(ctx, requestId, body.Value), ct).AsOcpiResult());
        sender.MapPut("/{sessionId}", (OcpiContext ctx, string sessionId, OcpiBody<ActiveChargingProfile> body, IMediator m, CancellationToken ct) =>
            m.Send(new PutActiveChargingProfile(ctx, sessionId, body.Value), ct).AsOcpiResult());
        return ocpi;
    }

    public static IEndpointRouteBuilder MapChargingProfilesBackOffice(this IEndpointRouteBuilder admin)
    {
        var emsp = admin.MapGroup("/parties/{cc}/{pid}/emsp/chargingprofiles/{sessionId}");
        emsp.MapPut("", async (string cc, string pid, string sessionId, OcpiBody<JsonObject> body, IMediator m, CancellationToken ct) =>
            CommandsModule.Accepted(await m.Send(new SendChargingProfileRequest(new(cc, pid), ChargingProfileRequestType.SET, sessionId, null, body.Value), ct)));
        emsp.MapPost("/active", async (string cc, string pid, string sessionId, OcpiBody<JsonObject> body, IMediator m, CancellationToken ct) =>
            CommandsModule.Accepted(await m.Send(new SendChargingProfileRequest(new(cc, pid), ChargingProfileRequestType.GET, sessionId, null, body.Value), ct)));
        emsp.MapDelete("", async (string cc, string pid, string sessionId, string? cpo, IMediator m, CancellationToken ct) =>
            CommandsModule.Accepted(await m.Send(new SendChargingProfileRequest(new(cc, pid), ChargingProfileRequestType.CLEAR, sessionId, cpo, null), ct)));
        emsp.MapGet("", (string cc, string pid, string sessionId, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetChargingProfileOfSession(new(cc, pid), sessionId, page), ct).Ok());
        return admin;
    }
}
