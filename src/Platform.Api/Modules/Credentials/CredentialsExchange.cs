using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.Versions;
using Platform.Ocpi.Validation;
using Platform.Ocpi.Validation.Credentials;
using OcpiCredentials = Platform.Ocpi.Model.Credentials.Credentials;

namespace Platform.Api.Modules.Credentials;

/// <summary>
/// Our side of a credentials POST or PUT to a peer: send ours, get theirs back valid, or say why not; both in the
/// connection's version (flat single-party credentials in 2.1.1, translated at the edge).
/// </summary>
public sealed class CredentialsExchange(PeerClient peers, WireEdge edge)
{
    public async Task<(OcpiCredentials? Theirs, string? Error)> SendAsync(HttpMethod method, string url, PeerCredentials auth,
        OcpiCredentials ours, string version, IEnumerable<HostedParty> participants, CancellationToken ct)
    {
        var (body, read) = edge.Credentials(version, ours, participants);
        PeerAnswer<OcpiCredentials> answer;
        try
        {
            answer = await peers.SendAsync<OcpiCredentials>(method, url, auth, body, ct: ct, readData: read);
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
