using Platform.Api.Admin;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Modules.ChargePoints;
using Platform.Api.Modules.Commands.BackOffice;
using Platform.Api.Modules.Commands.Receiver;
using Platform.Api.Modules.Commands.Sender;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Commands;

/// <summary>
/// Routes of the commands module: the hosted CPO's Receiver (POST {command}), the hosted eMSP's Sender (the
/// response_url it gives out), and the back office of both (ADMIN-API.md). The charge points behind a hosted CPO
/// are reached through <see cref="IChargePointGateway"/>; the simulator is registered unless another is.
/// </summary>
public static class CommandsModule
{
    public static readonly OcpiInterface Receiver = new(ModuleIds.Commands, InterfaceRole.RECEIVER, "receiver/commands", HostedRole: Role.CPO);
    public static readonly OcpiInterface Sender = new(ModuleIds.Commands, InterfaceRole.SENDER, "sender/commands", HostedRole: Role.EMSP);

    public static IServiceCollection AddCommandsModule(this IServiceCollection services)
    {
        services.AddCallbacks();
        services.AddChargePoints();
        services.AddScoped<CommandCallbacks>();
        services.AddScoped<ISentRequestModule>(sp => sp.GetRequiredService<CommandCallbacks>());
        services.AddScoped<IInternalCallbackReceiver>(sp => sp.GetRequiredService<CommandCallbacks>());
        return services;
    }

    public static IEndpointRouteBuilder MapCommands(this IEndpointRouteBuilder ocpi)
    {
        ocpi.MapInterface(Receiver)
            .MapPost("/{command}", (OcpiContext ctx, OcpiCommand body, IMediator m, CancellationToken ct) =>
                m.Send(new ReceiveCommand(ctx, body.Type, body.Body), ct).AsOcpiResult());

        ocpi.MapInterface(Sender)
            .MapPost("/{command}/{commandId}", (OcpiContext ctx, string command, string commandId, OcpiBody<CommandResult> body, IMediator m,
                CancellationToken ct) => m.Send(new ReceiveCommandResult(ctx, command, commandId, body.Value), ct).AsOcpiResult());
        return ocpi;
    }

    public static IEndpointRouteBuilder MapCommandsBackOffice(this IEndpointRouteBuilder admin)
    {
        var emsp = admin.MapGroup("/parties/{cc}/{pid}/emsp/commands");
        emsp.MapPost("/{type}", async (string cc, string pid, string type, OcpiBody<JsonObject> body, IMediator m, CancellationToken ct) =>
            Accepted(await m.Send(new SendCommand(new(cc, pid), type, body.Value), ct)));
        emsp.MapGet("", (string cc, string pid, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetSentCommands(new(cc, pid), page), ct));
        emsp.MapGet("/{id}", (string cc, string pid, string id, IMediator m, CancellationToken ct) =>
            m.Send(new GetSentCommand(new(cc, pid), id), ct).Ok());

        var cpo = admin.MapGroup("/parties/{cc}/{pid}/cpo/reservations");
        cpo.MapGet("", (string cc, string pid, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObjects(Reservations.Module, new(cc, pid), Role.CPO, ObjectSide.Own, null, page), ct));
        cpo.MapDelete("/{emspCc}/{emspPid}/{reservationId}", (string cc, string pid, string emspCc, string emspPid, string reservationId, IMediator m,
            CancellationToken ct) => m.Send(new CancelReservationAsCpo(new(cc, pid), new(emspCc, emspPid), reservationId), ct).Ok());
        return admin;
    }

    /// <summary>202 with the id: the request is stored and a job sends it; its outcome is read back by id.</summary>
    public static AdminAccepted<SentRequestCreated> Accepted(SentRequestCreated created) => new(created);
}
