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
    public static readonly OcpiInterface Sender = new(ModuleIds.Tariffs, InterfaceRole.SENDER, "sender/tariffs", HostedRole: Role.CPO);
    public static readonly OcpiInterface Receiver = new(ModuleIds.Tariffs, InterfaceRole.RECEIVER, "receiver/tariffs", HostedRole: Role.EMSP, UrlOwnerRole: Role.CPO);

    public static IServiceCollection AddTariffsModule(this IServiceCollection services)
    {
        services.AddScoped<TariffWrites>();
        services.AddScoped<IPushModule, TariffPush>();
        services.AddScoped<IPullModule, TariffPull>();
        return services;
    }

    public static IEndpointRouteBuilder MapTariffs(this IEndpointRouteBuilder ocpi)
    {
        var sender = ocpi.MapInterface(Sender);
        sender.MapGet("", (OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetTariffs(ctx, page.Value), ct).AsOcpiResult());

        var receiver = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}");
        receiver.MapGet("/{tariffId}", (OcpiContext ctx, string countryCode, string partyId, string tariffId, IMediator m, CancellationToken ct) =>
            m.Send(new GetReceivedTariff(ctx, new(countryCode, partyId), tariffId), ct).AsOcpiResult());
        receiver.MapPut("/{tariffId}", (OcpiContext ctx, string countryCode, string partyId, string tariffId, OcpiBody<Tariff> body, IMediator m,
            CancellationToken ct) => m.Send(new PutTariff(ctx, new(countryCode, partyId), tariffId, body.Value), ct).AsOcpiResult());
        receiver.MapDelete("/{tariffId}", (OcpiContext ctx, string countryCode, string partyId, string tariffId, IMediator m, CancellationToken ct) =>
            m.Send(new DeleteTariff(ctx, new(countryCode, partyId), tariffId), ct).AsOcpiResult());
        return ocpi;
    }
}
