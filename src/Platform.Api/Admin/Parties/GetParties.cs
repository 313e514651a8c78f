namespace Platform.Api.Admin.Parties;

public sealed record GetParties(AdminPage Page) : IRequest<AdminList<PartyView>>;

public sealed record GetParty(string CountryCode, string PartyId) : IRequest<PartyView>;

public sealed class GetPartiesHandler(PartyStore parties) : IRequestHandler<GetParties, AdminList<PartyView>>, IRequestHandler<GetParty, PartyView>
{
    /// <summary>A platform hosts tens of parties, not millions: one read, paged here, keeps each page's parent at hand.</summary>
    public async ValueTask<AdminList<PartyView>> Handle(GetParties request, CancellationToken ct)
    {
        var all = await parties.AllAsync(ct);
        var byId = all.ToDictionary(p => p.Id);
        return AdminList<PartyView>.Of(all.Select(p => PartyView.Of(p, byId)).ToList(), request.Page);
    }

    public ValueTask<PartyView> Handle(GetParty request, CancellationToken ct) => OfAsync(parties, request.CountryCode, request.PartyId, ct);

    /// <summary>One party as the admin API shows it, with its parent.</summary>
    public static async ValueTask<PartyView> OfAsync(PartyStore parties, string countryCode, string partyId, CancellationToken ct)
    {
        var party = await parties.FindAsync(countryCode, partyId, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"No hosted party {PartyKey.Of(countryCode, partyId)}");
        var parent = party.ParentId is { } parentId ? await parties.FindByIdAsync(parentId, ct) : null;
        return PartyView.Of(party, parent is null ? null : new Dictionary<long, HostedParty> { [parent.Id] = parent });
    }
}
