using System.Text.Json.Nodes;
using Mediator;
using Platform.Api.Admin;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Infrastructure.Web;
using Platform.Api.Tenancy;
using Platform.Ocpi.Model.Common;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs.BackOffice;

/// <summary>
/// Tariffs as one hosted party holds them: a CPO's own (<c>cpo/tariffs</c>), or what an eMSP received
/// (<c>emsp/tariffs</c>, optionally of one CPO).
/// </summary>
public sealed record GetTariffsOfParty(PartyRef Party, Role As, PartyRef? Owner, AdminPage Page) : IRequest<AdminList<JsonNode>>;

public sealed record GetTariffOfParty(PartyRef Party, Role As, PartyRef? Owner, string TariffId) : IRequest<JsonNode>;

public sealed class GetTariffsOfPartyHandler(BackOfficeParties parties, OcpiObjectStore objects)
    : IRequestHandler<GetTariffsOfParty, AdminList<JsonNode>>, IRequestHandler<GetTariffOfParty, JsonNode>
{
    public async ValueTask<AdminList<JsonNode>> Handle(GetTariffsOfParty request, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(request.Party, request.As, cancellationToken);
        var (documents, total, _) = await objects.PageAsync(scope, new ObjectFilter(OwnerKey: request.Owner?.Key), request.Page.Offset,
            request.Page.Limit, cancellationToken);
        return new AdminList<JsonNode>(documents.Select(d => JsonNode.Parse(d)!).ToList(), total);
    }

    public async ValueTask<JsonNode> Handle(GetTariffOfParty request, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(request.Party, request.As, cancellationToken);
        // An eMSP may hold the same tariff id from two CPOs; without an owner filter the first by owner is shown.
        var found = (await objects.FindByIdAsync(scope, request.TariffId, cancellationToken))
            .FirstOrDefault(c => request.Owner is null || c.OwnerKey == request.Owner.Key);
        return found is null
            ? throw new RequestRejectedException(RejectionKind.NotFound, $"{request.Party} holds no tariff {request.TariffId}")
            : JsonNode.Parse(found.Document)!;
    }

    private async Task<ObjectScope> ScopeAsync(PartyRef party, Role role, CancellationToken ct)
    {
        var hosted = await parties.ResolveAsync(party.CountryCode, party.PartyId, role, ct);
        return new ObjectScope(ModuleIds.Tariffs, hosted.Id, role == Role.CPO ? ObjectSide.Own : ObjectSide.Received);
    }
}
