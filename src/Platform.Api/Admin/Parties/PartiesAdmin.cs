using Mediator;
using Platform.Api.Infrastructure.Web;

namespace Platform.Api.Admin.Parties;

/// <summary>/admin/parties (ADMIN-API.md §Parties).</summary>
public static class PartiesAdmin
{
    public static IEndpointRouteBuilder MapPartiesAdmin(this IEndpointRouteBuilder admin)
    {
        var group = admin.MapGroup("/parties");
        group.MapPost("", (OcpiBody<CreateParty> body, IMediator m, CancellationToken ct) => m.Send(body.Value, ct).Created());
        group.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new GetParties(), ct).Ok());
        group.MapGet("/{countryCode}/{partyId}", (string countryCode, string partyId, IMediator m, CancellationToken ct) =>
            m.Send(new GetParty(countryCode, partyId), ct).Ok());
        group.MapPatch("/{countryCode}/{partyId}", (string countryCode, string partyId, OcpiBody<UpdatePartyBody> body, IMediator m, CancellationToken ct) =>
            m.Send(new UpdateParty(countryCode, partyId, body.Value.Name, body.Value.Roles), ct).Ok());
        return admin;
    }
}
