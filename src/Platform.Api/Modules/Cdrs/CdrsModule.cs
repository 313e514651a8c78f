using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Modules.Cdrs.Receiver;
using Platform.Api.Modules.Cdrs.Sender;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs;

/// <summary>
/// Routes of the CDRs module: the hosted CPO's Sender GET, and the hosted eMSP's Receiver POST plus GET at the
/// Location it answers. PUT, PATCH and DELETE are not routed (C2: the router answers 405 with an envelope).
/// </summary>
public static class CdrsModule
{
    public static readonly OcpiInterface Sender = new(ModuleIds.Cdrs, InterfaceRole.SENDER, "sender/cdrs", HostedRole: Role.CPO);
    public static readonly OcpiInterface Receiver = new(ModuleIds.Cdrs, InterfaceRole.RECEIVER, "receiver/cdrs", HostedRole: Role.EMSP, UrlOwnerRole: Role.CPO);

    public static IServiceCollection AddCdrsModule(this IServiceCollection services)
    {
        services.AddScoped<CdrWrites>();
        services.AddScoped<IPushModule, CdrPush>();
        services.AddScoped<IPullModule, CdrPull>();
        return services;
    }

    public static IEndpointRouteBuilder MapCdrs(this IEndpointRouteBuilder ocpi)
    {
        ocpi.MapInterface(Sender)
            .MapGet("", (OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) => m.Send(new GetCdrs(ctx, page.Value), ct).AsOcpiResult());

        ocpi.MapInterface(Receiver)
            .MapPost("", (OcpiContext ctx, OcpiBody<Cdr> body, IMediator m, CancellationToken ct) => m.Send(new PostCdr(ctx, body.Value), ct).AsOcpiResult());
        ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}/{cdrId}")
            .MapGet("", (OcpiContext ctx, string countryCode, string partyId, string cdrId, IMediator m, CancellationToken ct) =>
                m.Send(new GetReceivedCdr(ctx, new(countryCode, partyId), cdrId), ct).AsOcpiResult());
        return ocpi;
    }
}
