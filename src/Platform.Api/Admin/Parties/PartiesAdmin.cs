namespace Platform.Api.Admin.Parties;

/// <summary>/admin/parties (docs/admin-api.md §Parties).</summary>
public static class PartiesAdmin
{
    public static IEndpointRouteBuilder MapPartiesAdmin(this IEndpointRouteBuilder admin)
    {
        var group = admin.MapGroup("/parties");
        group.MapPost("", (OcpiBody<CreateParty> body, IMediator m, CancellationToken ct) =>
            m.Send(body.Value, ct).Created(p => $"/admin/parties/{p.CountryCode}/{p.PartyId}"));
        group.MapGet("", (AdminPage page, IMediator m, CancellationToken ct) => m.Send(new GetParties(page), ct));
        group.MapGet("/{cc}/{pid}", (string cc, string pid, IMediator m, CancellationToken ct) =>
            m.Send(new GetParty(cc, pid), ct).Ok());
        group.MapPatch("/{cc}/{pid}", (string cc, string pid, OcpiBody<UpdatePartyBody> body, IMediator m, CancellationToken ct) =>
            m.Send(new UpdateParty(cc, pid, body.Value.Name, body.Value.Roles), ct).Ok());
        return admin;
    }
}
