using Platform.Ocpi.Model.Credentials;

namespace Platform.Api.Modules.Credentials;

/// <summary>
/// The credentials object we hand a peer: the token it must call us with, our versions URL, and one role entry
/// per (role, party) of the hosted parties taking part in that connection — never other tenants.
/// </summary>
public sealed class OurCredentials(PublicUrl urls, ConnectionStore connections)
{
    public async Task<Platform.Ocpi.Model.Credentials.Credentials> ForAsync(string connectionId, string token, CancellationToken ct)
    {
        var parties = await connections.ParticipantsAsync(connectionId, ct);
        return new Platform.Ocpi.Model.Credentials.Credentials
        {
            Token = token,
            Url = urls.VersionsUrl,
            Roles = parties.SelectMany(p => p.RoleList.Select(role => new CredentialsRole
            {
                Role = role,
                CountryCode = p.CountryCode,
                PartyId = p.PartyId,
                BusinessDetails = new BusinessDetails { Name = p.Name },
            })).ToList(),
        };
    }
}
