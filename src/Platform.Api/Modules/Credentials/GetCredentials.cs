using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Credentials;

public sealed record GetCredentials : IRequest<OcpiResult>;

/// <summary>
/// GET answers the credentials the client should use with us. We keep only hashes of the tokens we issue, so the
/// token in the answer is the one the client authenticated this call with — by definition the one to use.
/// </summary>
public sealed class GetCredentialsHandler(OcpiCaller caller, OurCredentials ours, IHttpContextAccessor http)
    : IRequestHandler<GetCredentials, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetCredentials request, CancellationToken cancellationToken)
    {
        var presented = CredentialsTokenHeader.Candidates(http.HttpContext!.Request.Headers.Authorization);
        var token = presented.FirstOrDefault(t => t.Length >= 12) ?? presented[0];
        return OcpiResult.Ok(await ours.ForAsync(caller.ConnectionId, token, cancellationToken));
    }
}
