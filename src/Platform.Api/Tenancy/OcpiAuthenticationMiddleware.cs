using Platform.Api.Infrastructure.Web;
using Platform.Ocpi.Transport;

namespace Platform.Api.Tenancy;

/// <summary>
/// Authenticates every OCPI request by its credentials token before anything else runs (2.2.1
/// transport_and_format §Authorization): missing or unknown → HTTP 401; token A anywhere but versions and
/// credentials → HTTP 401. The token is never logged.
/// </summary>
public sealed class OcpiAuthenticationMiddleware(RequestDelegate next, ILogger<OcpiAuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http, CredentialsTokens tokens, OcpiCaller caller)
    {
        var candidates = CredentialsTokenHeader.Candidates(http.Request.Headers.Authorization);
        if (candidates.Count == 0)
        {
            logger.LogInformation("OCPI call without a usable Authorization header refused");
            throw new RequestRejectedException(RejectionKind.Unauthenticated,
                "Missing or malformed Authorization header: use the 'Token' scheme with the Base64 of your credentials token");
        }
        var token = await tokens.AuthenticateAsync(candidates, http.RequestAborted);
        if (token is null)
        {
            logger.LogInformation("OCPI call with an unknown credentials token refused");
            throw new RequestRejectedException(RejectionKind.Unauthenticated, "Unknown or revoked credentials token");
        }
        caller.Token = token;
        if (token.Kind == CredentialsTokenKind.A && !IsConfigurationPath(http.Request.Path))
        {
            logger.LogInformation("Token A of connection {ConnectionId} used outside versions/credentials", token.ConnectionId);
            throw new RequestRejectedException(RejectionKind.Unauthenticated,
                "This token may only be used for versions and credentials until registration completes");
        }
        using (logger.BeginScope(new Dictionary<string, object> { ["OcpiConnectionId"] = token.ConnectionId }))
            await next(http);
    }

    /// <summary>/ocpi/versions, /ocpi/{version} and /ocpi/{version}/credentials.</summary>
    private static bool IsConfigurationPath(PathString path)
    {
        var segments = path.Value!.Trim('/').Split('/');
        return segments.Length switch
        {
            2 => true,
            3 => segments[2].Equals("credentials", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }
}
