using Mediator;
using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Infrastructure.Web;
using Platform.Api.Modules.Tokens.Receiver;
using Platform.Api.Modules.Tokens.Sender;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens;

/// <summary>
/// Routes of the tokens module. The data owner is the eMSP: a hosted eMSP serves the Sender interface (list,
/// real-time authorize), a hosted CPO the Receiver interface (the eMSPs' tokens, keyed by uid and ?type).
/// </summary>
public static class TokensModule
{
    public static readonly OcpiInterface Sender = new(ModuleIds.Tokens, InterfaceRole.SENDER, "sender/tokens", HostedRole: Role.EMSP);
    public static readonly OcpiInterface Receiver = new(ModuleIds.Tokens, InterfaceRole.RECEIVER, "receiver/tokens", HostedRole: Role.CPO, UrlOwnerRole: Role.EMSP);

    public static IServiceCollection AddTokensModule(this IServiceCollection services)
    {
        services.AddScoped<TokenWrites>();
        services.AddScoped<TokenAuthorizer>();
        services.AddScoped<IPushModule, TokenPush>();
        services.AddScoped<IPullModule, TokenPull>();
        return services;
    }

    public static IEndpointRouteBuilder MapTokens(this IEndpointRouteBuilder ocpi)
    {
        var sender = ocpi.MapInterface(Sender);
        sender.MapGet("", (OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) => m.Send(new GetTokens(ctx, page.Value), ct).AsOcpiResult());
        sender.MapPost("/{tokenUid}/authorize", (OcpiContext ctx, string tokenUid, string? type, OcpiOptionalBody<LocationReferences> body, IMediator m,
            CancellationToken ct) => m.Send(new AuthorizeToken(ctx, TokenKey.From(tokenUid, type), body.Value), ct).AsOcpiResult());

        var receiver = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}/{tokenUid}");
        receiver.MapGet("", (OcpiContext ctx, string countryCode, string partyId, string tokenUid, string? type, IMediator m, CancellationToken ct) =>
            m.Send(new GetReceivedToken(ctx, new(countryCode, partyId), TokenKey.From(tokenUid, type)), ct).AsOcpiResult());
        receiver.MapPut("", (OcpiContext ctx, string countryCode, string partyId, string tokenUid, string? type, OcpiBody<Token> body, IMediator m,
            CancellationToken ct) => m.Send(new PutToken(ctx, new(countryCode, partyId), TokenKey.From(tokenUid, type), body.Value), ct).AsOcpiResult());
        receiver.MapPatch("", (OcpiContext ctx, string countryCode, string partyId, string tokenUid, string? type, OcpiPatch<Token> body, IMediator m,
            CancellationToken ct) => m.Send(new PatchToken(ctx, new(countryCode, partyId), TokenKey.From(tokenUid, type), body.Value, body.Json), ct).AsOcpiResult());
        return ocpi;
    }
}
