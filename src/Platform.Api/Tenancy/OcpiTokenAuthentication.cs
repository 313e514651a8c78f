using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Ocpi.Transport;

namespace Platform.Api.Tenancy;

/// <summary>
/// The OCPI credentials-token authentication scheme (2.2.1 transport_and_format §Authorization): the token of the
/// <c>Token</c> header (Base64 or, as some peers send it, raw) must be a live token of a connection; missing or unknown
/// → HTTP 401. The token is never logged. Each OCPI route group declares which policy it needs:
/// <see cref="AnyToken"/> for versions and credentials, where token A may register, and <see cref="Functional"/>
/// for everything else, which token A may not use.
/// </summary>
public sealed class OcpiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    CredentialsTokens tokens, OcpiCaller caller) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "OcpiToken";
    public const string AnyToken = "OcpiAnyToken";
    public const string Functional = "OcpiFunctional";
    private const string TokenKindClaim = "ocpi_token_kind";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var candidates = CredentialsTokenHeader.Candidates(Request.Headers.Authorization);
        if (candidates.Count == 0)
        {
            Logger.LogInformation("OCPI call without a usable Authorization header refused");
            return AuthenticateResult.Fail("Missing or malformed Authorization header: use the 'Token' scheme with the Base64 of your credentials token");
        }
        var token = await tokens.AuthenticateAsync(candidates, Context.RequestAborted);
        if (token is null)
        {
            Logger.LogInformation("OCPI call with an unknown credentials token refused");
            return AuthenticateResult.Fail("Unknown or revoked credentials token");
        }
        caller.Token = token;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, token.ConnectionId), new Claim(TokenKindClaim, token.Kind.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // Thrown, not written: the OCPI error middleware turns it into the envelope every /ocpi answer is.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        throw new RequestRejectedException(RejectionKind.Unauthenticated,
            (await HandleAuthenticateOnceSafeAsync()).Failure?.Message ?? "Unknown or revoked credentials token");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Logger.LogInformation("Token A of connection {ConnectionId} used outside versions/credentials", caller.Token?.ConnectionId);
        throw new RequestRejectedException(RejectionKind.Unauthenticated, "This token may only be used for versions and credentials until registration completes");
    }

    /// <summary>Every log line of an authenticated OCPI call names its connection, so an operator sees which peer did what.</summary>
    public static async Task WithConnectionLogScope(HttpContext http, RequestDelegate next)
    {
        if (http.RequestServices.GetRequiredService<OcpiCaller>().Token is not { } token)
        {
            await next(http);
            return;
        }
        var logger = http.RequestServices.GetRequiredService<ILogger<OcpiTokenAuthentication>>();
        using (logger.BeginScope(new Dictionary<string, object> { ["OcpiConnectionId"] = token.ConnectionId }))
            await next(http);
    }

    public static void AddPolicies(Microsoft.AspNetCore.Authorization.AuthorizationOptions authorization)
    {
        authorization.AddPolicy(AnyToken, p => p.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser());
        authorization.AddPolicy(Functional, p => p.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser()
            .RequireAssertion(c => c.User.FindFirst(TokenKindClaim)?.Value != nameof(CredentialsTokenKind.A)));
    }
}
