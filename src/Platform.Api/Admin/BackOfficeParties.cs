namespace Platform.Api.Admin;

/// <summary>
/// Resolves the <c>{cc}/{pid}</c> of a back-office data path to the hosted party, which must hold the role of the
/// path (<c>cpo/…</c> or <c>emsp/…</c>); anything else is 404 with a reason.
/// </summary>
public sealed class BackOfficeParties(PartyStore parties)
{
    public async Task<HostedParty> ResolveAsync(string countryCode, string partyId, Role role, CancellationToken ct)
    {
        var party = await parties.FindAsync(countryCode, partyId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No hosted party {PartyKey.Of(countryCode, partyId)}");
        if (!party.RoleList.Contains(role))
            throw new RequestRejectedException(RejectionKind.NotFound, $"{party.Key} is hosted here but does not hold the {role} role");
        return party;
    }
}
