using Platform.Api.Admin;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations.BackOffice;

/// <summary>
/// Locations as one hosted party holds them: a CPO's own (<c>cpo/locations</c>), or what an eMSP received
/// (<c>emsp/locations</c>, optionally of one CPO). Everything shown, unpublished and removed included.
/// </summary>
public sealed record GetLocationsOfParty(PartyRef Party, Role As, PartyRef? Owner, AdminPage Page) : IRequest<AdminList<JsonNode>>;

public sealed record GetLocationOfParty(PartyRef Party, Role As, PartyRef? Owner, LocationPath Path) : IRequest<JsonNode>;

public sealed class GetLocationsOfPartyHandler(BackOfficeParties parties, OcpiObjectStore objects)
    : IRequestHandler<GetLocationsOfParty, AdminList<JsonNode>>, IRequestHandler<GetLocationOfParty, JsonNode>
{
    public async ValueTask<AdminList<JsonNode>> Handle(GetLocationsOfParty request, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(request.Party, request.As, cancellationToken);
        var (documents, total, _) = await objects.PageAsync(scope, new ObjectFilter(OwnerKey: request.Owner?.Key), request.Page.Offset,
            request.Page.Limit, cancellationToken);
        return new AdminList<JsonNode>(documents.Select(d => JsonNode.Parse(d)!).ToList(), total);
    }

    public async ValueTask<JsonNode> Handle(GetLocationOfParty request, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(request.Party, request.As, cancellationToken);
        var candidates = await objects.FindByIdAsync(scope, request.Path.LocationId, cancellationToken);
        var found = candidates.Where(c => request.Owner is null || c.OwnerKey == request.Owner.Key)
            .Select(c => LocationDocument.Read(c).At(request.Path)).FirstOrDefault(n => n is not null);
        return found ?? throw new RequestRejectedException(RejectionKind.NotFound, $"{request.Party} holds no location object {request.Path}");
    }

    private async Task<ObjectScope> ScopeAsync(PartyRef party, Role role, CancellationToken ct)
    {
        var hosted = await parties.ResolveAsync(party.CountryCode, party.PartyId, role, ct);
        return new ObjectScope(ModuleIds.Locations, hosted.Id, role == Role.CPO ? ObjectSide.Own : ObjectSide.Received);
    }
}
