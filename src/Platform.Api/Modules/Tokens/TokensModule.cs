using Platform.Api.Infrastructure.Outbox;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Modules.Tokens.Receiver;
using Platform.Api.Modules.Tokens.Sender;
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
        sender.MapGet("", ListTokens);
        sender.MapPost("/{tokenUid}/authorize", Authorize);

        var receiver = ocpi.MapInterface(Receiver, "/{countryCode}/{partyId}/{tokenUid}");
        receiver.MapGet("", GetReceived);
        receiver.MapPut("", PutReceived);
        receiver.MapPatch("", PatchReceived);
        return ocpi;
    }

    /// <summary>A Receiver URL: the token's eMSP and uid from the path, its type from <c>?type=</c> (RFID when absent).</summary>
    /// <remarks>
    /// Properties rather than a positional record: the request delegate generator writes <c>typeof(string?)</c> for a
    /// nullable constructor parameter, which does not compile.
    /// </remarks>
    public sealed class TokenUrl
    {
        public string CountryCode { get; init; } = "";

        public string PartyId { get; init; } = "";

        public string TokenUid { get; init; } = "";

        public string? Type { get; init; }

        public PartyRef Owner => new(CountryCode, PartyId);

        public TokenKey Key => TokenKey.From(TokenUid, Type);
    }

    private static Task<IResult> ListTokens(OcpiContext ctx, OcpiPage page, IMediator m, CancellationToken ct) =>
        m.Send(new GetTokens(ctx, page.Value), ct).AsOcpiResult();

    private static Task<IResult> Authorize(OcpiContext ctx, string tokenUid, string? type, OcpiOptionalBody<LocationReferences> body, IMediator m, CancellationToken ct) =>
        m.Send(new AuthorizeToken(ctx, TokenKey.From(tokenUid, type), body.Value), ct).AsOcpiResult();

    private static Task<IResult> GetReceived(OcpiContext ctx, [AsParameters] TokenUrl url, IMediator m, CancellationToken ct) =>
        m.Send(new GetReceivedToken(ctx, url.Owner, url.Key), ct).AsOcpiResult();

    private static Task<IResult> PutReceived(OcpiContext ctx, [AsParameters] TokenUrl url, OcpiBody<Token> body, IMediator m, CancellationToken ct) =>
        m.Send(new PutToken(ctx, url.Owner, url.Key, body.Value), ct).AsOcpiResult();

    private static Task<IResult> PatchReceived(OcpiContext ctx, [AsParameters] TokenUrl url, OcpiPatch<Token> body, IMediator m, CancellationToken ct) =>
        m.Send(new PatchToken(ctx, url.Owner, url.Key, body.Value, body.Json), ct).AsOcpiResult();
}
