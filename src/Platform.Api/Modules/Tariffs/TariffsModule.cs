using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Modules.Tariffs.Receiver;
using Platform.Api.Modules.Tariffs.Sender;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs;

/// <summary>
/// Routes of the tariffs module: the Sender interface a hosted CPO serves (GET list only, as 2.2.1 has it), and the
/// Receiver interface a hosted eMSP serves (GET, PUT, DELETE; PATCH only from 2.1.1 CPOs: 2.2.x has none, F1).
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
        ocpi.MapInterface(Sender).MapGet("", ListTariffs);

        var receiver = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}/{tariffId}");
        receiver.MapGet("", GetReceived);
        receiver.MapPut("", PutReceived);
        receiver.MapPatch("", PatchReceived);
        receiver.MapDelete("", DeleteReceived);
        return ocpi;
    }

    /// <summary>A Receiver URL: the tariff's CPO and id.</summary>
    public sealed record TariffUrl(string CountryCode, string PartyId, string TariffId)
    {
        public PartyRef Owner => new(CountryCode, PartyId);
    }

    private static Task<IResult> ListTariffs(OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) =>
        m.Send(new GetTariffs(ctx, page.Value), ct).AsOcpiResult();

    private static Task<IResult> GetReceived(OcpiContext ctx, [AsParameters] TariffUrl url, IMediator m, CancellationToken ct) =>
        m.Send(new GetReceivedTariff(ctx, url.Owner, url.TariffId), ct).AsOcpiResult();

    private static Task<IResult> PutReceived(OcpiContext ctx, [AsParameters] TariffUrl url, OcpiBody<Tariff> body, IMediator m, CancellationToken ct) =>
        m.Send(new PutTariff(ctx, url.Owner, url.TariffId, body.Value), ct).AsOcpiResult();

    private static Task<IResult> PatchReceived(OcpiContext ctx, [AsParameters] TariffUrl url, OcpiPatch<Tariff> body, HttpContext http, IMediator m,
        CancellationToken ct) =>
        m.Send(new PatchTariff(ctx, url.Owner, url.TariffId, body.Value, body.Json, Versions.WireEdge.VersionOf(http)), ct).AsOcpiResult();

    private static Task<IResult> DeleteReceived(OcpiContext ctx, [AsParameters] TariffUrl url, IMediator m, CancellationToken ct) =>
        m.Send(new DeleteTariff(ctx, url.Owner, url.TariffId), ct).AsOcpiResult();
}
