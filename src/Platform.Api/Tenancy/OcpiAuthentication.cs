using Platform.Ocpi.Transport;

namespace Platform.Api.Tenancy;

/// <summary>
/// Which credentials tokens an OCPI endpoint takes, as endpoint metadata. The whole <c>/ocpi</c> route group carries
/// <see cref="Registered"/>, so an endpoint that declares nothing needs the token of a registered connection; versions
/// and credentials declare <see cref="AnyToken"/>, since token A may register there (2.2.1 credentials).
/// </summary>
public sealed record OcpiAccess(bool AcceptsTokenA)
{
    public static readonly OcpiAccess Registered = new(false);
    public static readonly OcpiAccess AnyToken = new(true);
}

/// <summary>
/// The OCPI credentials-token check (2.2.1 transport_and_format §Authorization): the token of the <c>Token</c> header
/// (Base64 or, as some peers send it, raw) must be a live token of a connection; missing or unknown → HTTP 401, as the
/// OCPI envelope the error middleware writes. The token is never logged. Every log line after it names the connection,
/// so an operator sees which peer did what.
/// <para>A middleware of its own, not an ASP.NET Core authentication scheme and authorization policy: every OCPI call
/// passes here, and the scheme handler, claims principal and policy evaluation cost more than the check itself.</para>
/// </summary>
public sealed class OcpiAuthentication(RequestDelegate next, ILogger<OcpiAuthentication> logger)
{
    public async Task InvokeAsync(HttpContext http, CredentialsTokens tokens, OcpiCaller caller)
    {
        // No endpoint (an unknown path or method): the error middleware answers 404 or 405 without asking who calls.
        if (http.GetEndpoint()?.Metadata.GetMetadata<OcpiAccess>() is not { } access)
        {
            await next(http);
            return;
        }
        var candidates = CredentialsTokenHeader.Candidates(http.Request.Headers.Authorization);
        if (candidates.Count == 0)
            throw new RequestRejectedException(RejectionKind.Unauthenticated,
                "Missing or malformed Authorization header: use the 'Token' scheme with the Base64 of your credentials token");
        var token = await tokens.AuthenticateAsync(candidates, http.RequestAborted)
            ?? throw new RequestRejectedException(RejectionKind.Unauthenticated, "Unknown or revoked credentials token");
        var scope = new OcpiLogScope(token.ConnectionId);
        using (logger.BeginScope(scope))
        {
            if (token.Kind == CredentialsTokenKind.A && !access.AcceptsTokenA)
            {
                logger.LogInformation("Token A of connection {ConnectionId} used outside versions/credentials", token.ConnectionId);
                throw new RequestRejectedException(RejectionKind.Unauthenticated, "This token may only be used for versions and credentials until registration completes");
            }
            (caller.Token, caller.LogScope) = (token, scope);
            await next(http);
        }
    }
}
