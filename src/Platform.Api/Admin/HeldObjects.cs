namespace Platform.Api.Admin;

/// <summary>
/// Objects of one module as a hosted party holds them: its own as data owner (<c>cpo/…</c>) or what it received
/// (optionally from one owner), as the party holding role <c>As</c>. The back office shows everything the party holds.
/// </summary>
public sealed record GetHeldObjects(string Module, PartyRef Party, Role As, string Side, PartyRef? Owner, AdminPage Page) : IRequest<AdminList<JsonNode>>;

public sealed record GetHeldObject(string Module, PartyRef Party, Role As, string Side, PartyRef? Owner, string ObjectId) : IRequest<JsonNode>;

public sealed class HeldObjectsHandler(BackOfficeParties parties, OcpiObjectStore objects)
    : IRequestHandler<GetHeldObjects, AdminList<JsonNode>>, IRequestHandler<GetHeldObject, JsonNode>
{
    public async ValueTask<AdminList<JsonNode>> Handle(GetHeldObjects request, CancellationToken ct)
    {
        var scope = await ScopeAsync(request.Module, request.Party, request.As, request.Side, ct);
        var (documents, total, _) = await objects.PageAsync(scope, new ObjectFilter(OwnerKey: request.Owner?.Key), request.Page.Offset, request.Page.Limit, ct);
        return new AdminList<JsonNode>(documents.Select(d => JsonNode.Parse(d)!).ToList(), total);
    }

    public async ValueTask<JsonNode> Handle(GetHeldObject request, CancellationToken ct)
    {
        var scope = await ScopeAsync(request.Module, request.Party, request.As, request.Side, ct);
        var found = (await objects.FindByIdAsync(scope, request.ObjectId, ct)).FirstOrDefault(o => request.Owner is null || o.OwnerKey == request.Owner.Key);
        return found is null
            ? throw new RequestRejectedException(RejectionKind.NotFound, $"{request.Party} holds no {request.Module} object {request.ObjectId}")
            : JsonNode.Parse(found.Document)!;
    }

    private async Task<ObjectScope> ScopeAsync(string module, PartyRef party, Role role, string side, CancellationToken ct)
    {
        var hosted = await parties.ResolveAsync(party.CountryCode, party.PartyId, role, ct);
        return new ObjectScope(module, hosted.Id, side);
    }

    /// <summary>The <c>?country_code=&amp;party_id=</c> owner filter of a received-data list: both or neither.</summary>
    public static PartyRef? OwnerFilter(string? countryCode, string? partyId) =>
        countryCode is null && partyId is null ? null
        : countryCode is not null && partyId is not null ? new PartyRef(countryCode, partyId)
        : throw new RequestRejectedException(RejectionKind.Invalid, "Give both country_code and party_id to filter by owner, or neither");
}
