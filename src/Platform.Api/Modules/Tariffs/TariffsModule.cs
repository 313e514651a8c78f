using Mediator;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Infrastructure.Web;
using Platform.Api.Modules.Tariffs.Receiver;
using Platform.Api.Modules.Tariffs.Sender;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs;

/// <summary>
/// Routes of the tariffs module: the Sender interface a hosted CPO serves (GET list only, as 2.2.1 has it), and the
/// Receiver interface a hosted eMSP serves (GET, PUT, DELETE; no PATCH in 2.2.x, F1).
/// </summary>
public static class TariffsModule
{
    public const string SenderPath = "sender/tariffs";
    public const string ReceiverPath = "receiver/tariffs";

    public static IServiceCollection AddTariffsModule(this IServiceCollection services)
    {
        services.AddOcpiInterface(ModuleIds.Tariffs, InterfaceRole.SENDER, SenderPath, Role.CPO);
        services.AddOcpiInterface(ModuleIds.Tariffs, InterfaceRole.RECEIVER, ReceiverPath, Role.EMSP);
        services.AddScoped<TariffWrites>();
        services.AddScoped<IPushModule, TariffPush>();
        services.AddScoped<IPullModule, TariffPull>();
        return services;
    }

    public static IEndpointRouteBuilder MapTariffs(this IEndpointRouteBuilder ocpi)
    {
        var sender = ocpi.MapGroup($"/2.2.1/{SenderPath}")
            .RoutedAs(new OcpiFunctionalRoute(ModuleIds.Tariffs, InterfaceRole.SENDER, Role.CPO));
        sender.MapGet("", (OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetTariffs(ctx, page.Value), ct).AsOcpiResult());

        var receiver = ocpi.MapGroup($"/2.2.1/{ReceiverPath}/{{countryCode}}/{{partyId}}")
            .RoutedAs(new OcpiFunctionalRoute(ModuleIds.Tariffs, InterfaceRole.RECEIVER, Role.EMSP, UrlOwnerRole: Role.CPO));
        receiver.MapGet("/{tariffId}", (OcpiContext ctx, string countryCode, string partyId, string tariffId, IMediator m, CancellationToken ct) =>
            m.Send(new GetReceivedTariff(ctx, new(countryCode, partyId), tariffId), ct).AsOcpiResult());
        receiver.MapPut("/{tariffId}", (OcpiContext ctx, string countryCode, string partyId, string tariffId, OcpiBody<Tariff> body, IMediator m,
            CancellationToken ct) => m.Send(new PutTariff(ctx, new(countryCode, partyId), tariffId, body.Value), ct).AsOcpiResult());
        receiver.MapDelete("/{tariffId}", (OcpiContext ctx, string countryCode, string partyId, string tariffId, IMediator m, CancellationToken ct) =>
            m.Send(new DeleteTariff(ctx, new(countryCode, partyId), tariffId), ct).AsOcpiResult());
        return ocpi;
    }
}
