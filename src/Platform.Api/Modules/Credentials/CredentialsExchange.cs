using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Validation;
using Platform.Ocpi.Validation.Credentials;
using OcpiCredentials = Platform.Ocpi.Model.Credentials.Credentials;

namespace Platform.Api.Modules.Credentials;

/// <summary>Our side of a credentials POST or PUT to a peer: send ours, get theirs back valid, or say why not.</summary>
public sealed class CredentialsExchange(PeerClient peers)
{
    public async Task<(OcpiCredentials? Theirs, string? Error)> SendAsync(HttpMethod method, string url, PeerCredentials auth,
        OcpiCredentials ours, CancellationToken ct)
    {
        PeerAnswer<OcpiCredentials> answer;
        try
        {
            answer = await peers.SendAsync<OcpiCredentials>(method, url, auth, ours, ct: ct);
        }
        catch (PeerUnreachableException e)
        {
            return (null, e.Message);
        }
        if (!answer.IsSuccess || answer.Data is null) return (null, answer.Describe());
        var check = new CredentialsValidator().Validate(answer.Data);
        return check.IsValid ? (answer.Data, null) : (null, "the peer's credentials are invalid: " + OcpiValidation.Describe(check));
    }
}
