using Platform.Api.Admin;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs.BackOffice;

/// <summary>Admin routes for CDRs (ADMIN-API.md): a CPO records its own, an eMSP reads what it received with its audit.</summary>
public static class CdrsBackOffice
{
    public static IEndpointRouteBuilder MapCdrsBackOffice(this IEndpointRouteBuilder admin)
    {
        var cpo = admin.MapGroup("/parties/{cc}/{pid}/cpo/cdrs");
        cpo.MapPost("", (string cc, string pid, OcpiBody<Cdr> body, IMediator m, CancellationToken ct) =>
            m.Send(new RecordCdr(new(cc, pid), body.Value), ct).Created(_ => $"/admin/parties/{cc}/{pid}/cpo/cdrs/{Uri.EscapeDataString(body.Value.Id ?? "")}"));
        cpo.MapGet("", (string cc, string pid, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObjects(ModuleIds.Cdrs, new(cc, pid), Role.CPO, ObjectSide.Own, null, page), ct));
        cpo.MapGet("/{cdrId}", (string cc, string pid, string cdrId, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObject(ModuleIds.Cdrs, new(cc, pid), Role.CPO, ObjectSide.Own, null, cdrId), ct).Ok());

        var emsp = admin.MapGroup("/parties/{cc}/{pid}/emsp/cdrs");
        emsp.MapGet("", (string cc, string pid, string? country_code, string? party_id, string? audit, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetAuditedCdrs(new(cc, pid), HeldObjectsHandler.OwnerFilter(country_code, party_id), audit, page), ct));
        emsp.MapGet("/{cdrId}", (string cc, string pid, string cdrId, string? country_code, string? party_id, IMediator m, CancellationToken ct) =>
            m.Send(new GetAuditedCdr(new(cc, pid), HeldObjectsHandler.OwnerFilter(country_code, party_id), cdrId), ct).Ok());
        return admin;
    }
}
