using Platform.Api.Modules.Locations;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Tokens.Sender;

/// <summary>
/// A CPO asks the hosted eMSP whether its token may charge now (2.2.1 mod_tokens real-time authorization).
/// Unknown token: HTTP 404 with 2004 (K2, digest §7.3). This eMSP's policy: a token it keeps for real-time only
/// (whitelist NEVER) needs the LocationReferences, else 2002; with them, only EVSEs it knows at that location of
/// that CPO, and not REMOVED, are answered as allowed. Opening hours and EVSE status play no part (spec).
/// </summary>
public sealed record AuthorizeToken(OcpiContext Context, TokenKey Key, LocationReferences? Location) : IRequest<OcpiResult>;

public sealed class AuthorizeTokenValidator : AbstractValidator<AuthorizeToken>
{
    public AuthorizeTokenValidator() => RuleFor(r => r.Location!).SetValidator(WireValidators.Put<LocationReferences>()).When(r => r.Location is not null);
}

public sealed class AuthorizeTokenHandler(OcpiObjectStore objects) : IRequestHandler<AuthorizeToken, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(AuthorizeToken request, CancellationToken cancellationToken)
    {
        var context = request.Context;
        var stored = await objects.FindAsync(new ObjectScope(ModuleIds.Tokens, context.HostedPartyId, ObjectSide.Own), context.Hosted.Key,
            request.Key.ObjectId, cancellationToken);
        if (stored is null)
            return OcpiResult.NotFound($"Unknown token {request.Key}", OcpiStatus.UnknownToken);
        var token = OcpiJson.Deserialize<Token>(stored.Document)!;
        if (token.Whitelist == WhitelistType.NEVER && request.Location is null)
            return OcpiResult.Error(OcpiStatus.NotEnoughInformation, $"Token {request.Key} is authorized per location: send the LocationReferences");

        var allowed = token.Valid == true ? AllowedType.ALLOWED : AllowedType.BLOCKED;
        return OcpiResult.Ok(new AuthorizationInfo
        {
            Allowed = allowed,
            Token = token,
            Location = request.Location is null ? null : await AllowedEvsesAsync(context, request.Location, cancellationToken),
            AuthorizationReference = allowed == AllowedType.ALLOWED ? Guid.NewGuid().ToString("N")[..24] : null,
        });
    }

    /// <summary>The EVSEs asked for that this eMSP holds at that CPO's location and are not REMOVED; as asked when it does not hold the location.</summary>
    private async Task<LocationReferences> AllowedEvsesAsync(OcpiContext context, LocationReferences asked, CancellationToken ct)
    {
        var held = await objects.FindAsync(new ObjectScope(ModuleIds.Locations, context.HostedPartyId, ObjectSide.Received), context.Remote.Key,
            asked.LocationId!, ct);
        if (held is null || asked.EvseUids is not { Count: > 0 }) return asked;
        // Read from the stored document, not a tree of it: a tree built each EVSE passed over, per authorization.
        var usable = asked.EvseUids.Where(uid => LocationDocument.ReadEvse(held, uid) is { } evse
            && !(evse.TryGetProperty("status"u8, out var status) && status.ValueEquals(nameof(Status.REMOVED)))).ToList();
        return asked with { EvseUids = usable };
    }
}
