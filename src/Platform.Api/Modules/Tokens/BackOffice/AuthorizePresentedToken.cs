using Platform.Api.Admin;
using Platform.Ocpi.Model.Tokens;

namespace Platform.Api.Modules.Tokens.BackOffice;

/// <summary>
/// The charge-point side of a hosted CPO asks whether a token presented at its charger may charge
/// (<c>POST …/cpo/authorize</c>): <c>{"uid","type","country_code","party_id","location_id","evse_uids"}</c>, only uid required.
/// </summary>
public sealed record AuthorizePresentedToken(string? Uid, string? Type, string? CountryCode, string? PartyId, string? LocationId,
    IReadOnlyList<string>? EvseUids) : IRequest<AuthorizationDecision>
{
    public PartyRef Cpo { get; init; } = new("", "");
}

public sealed class AuthorizePresentedTokenHandler(BackOfficeParties parties, TokenAuthorizer authorizer)
    : IRequestHandler<AuthorizePresentedToken, AuthorizationDecision>
{
    public async ValueTask<AuthorizationDecision> Handle(AuthorizePresentedToken request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Uid))
            throw new RequestRejectedException(RejectionKind.Invalid, "uid: the presented token's uid is required");
        var key = TokenKey.From(request.Uid, request.Type);
        var emsp = HeldObjectsHandler.OwnerFilter(request.CountryCode, request.PartyId);
        var cpo = await parties.ResolveAsync(request.Cpo.CountryCode, request.Cpo.PartyId, Role.CPO, cancellationToken);
        var location = request.LocationId is null ? null : new LocationReferences { LocationId = request.LocationId, EvseUids = request.EvseUids };
        return await authorizer.DecideAsync(cpo, new PresentedToken(key.Uid, key.Type, emsp, location), cancellationToken);
    }
}
