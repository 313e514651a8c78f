using Mediator;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Infrastructure.Web;
using Platform.Api.Modules.Cdrs.Receiver;
using Platform.Api.Modules.Cdrs.Sender;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs;

/// <summary>
/// Routes of the CDRs module: the hosted CPO's Sender GET, and the hosted eMSP's Receiver POST plus GET at the
/// Location it answers. PUT, PATCH and DELETE are not routed (C2: the router answers 405 with an envelope).
/// </summary>
public static class CdrsModule
{
    public const string SenderPath = "sender/cdrs";
    public const string ReceiverPath = "receiver/cdrs";

    public static IServiceCollection AddCdrsModule(this IServiceCollection services)
    {
        services.AddOcpiInterface(ModuleIds.Cdrs, InterfaceRole.SENDER, SenderPath, Role.CPO);
        services.AddOcpiInterface(ModuleIds.Cdrs, InterfaceRole.RECEIVER, ReceiverPath, Role.EMSP);
        services.AddScoped<CdrWrites>();
        services.AddScoped<IPushModule, CdrPush>();
        services.AddScoped<IPullModule, CdrPull>();
        return services;
    }

    public static IEndpointRouteBuilder MapCdrs(this IEndpointRouteBuilder ocpi)
    {
        ocpi.MapGroup($"/2.2.1/{SenderPath}")
            .RoutedAs(new OcpiFunctionalRoute(ModuleIds.Cdrs, InterfaceRole.SENDER, Role.CPO))
            .MapGet("", (OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) => m.Send(new GetCdrs(ctx, page.Value), ct).AsOcpiResult());

        ocpi.MapGroup($"/2.2.1/{ReceiverPath}")
            .RoutedAs(new OcpiFunctionalRoute(ModuleIds.Cdrs, InterfaceRole.RECEIVER, Role.EMSP))
            .MapPost("", (OcpiContext ctx, OcpiBody<Cdr> body, IMediator m, CancellationToken ct) => m.Send(new PostCdr(ctx, body.Value), ct).AsOcpiResult());
        ocpi.MapGroup($"/2.2.1/{ReceiverPath}/{{countryCode}}/{{partyId}}/{{cdrId}}")
            .RoutedAs(new OcpiFunctionalRoute(ModuleIds.Cdrs, InterfaceRole.RECEIVER, Role.EMSP, UrlOwnerRole: Role.CPO))
            .MapGet("", (OcpiContext ctx, string countryCode, string partyId, string cdrId, IMediator m, CancellationToken ct) =>
                m.Send(new GetReceivedCdr(ctx, new(countryCode, partyId), cdrId), ct).AsOcpiResult());
        return ocpi;
    }
}
