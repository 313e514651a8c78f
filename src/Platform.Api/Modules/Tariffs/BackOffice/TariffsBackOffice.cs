using Platform.Api.Admin;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tariffs.BackOffice;

/// <summary>Admin routes for tariffs (ADMIN-API.md "Data of a hosted party"): a CPO's own, and what an eMSP received.</summary>
public static class TariffsBackOffice
{
    public static IEndpointRouteBuilder MapTariffsBackOffice(this IEndpointRouteBuilder admin)
    {
        var cpo = admin.MapGroup("/parties/{cc}/{pid}/cpo/tariffs");
        cpo.MapGet("", (string cc, string pid, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObjects(ModuleIds.Tariffs, new(cc, pid), Role.CPO, ObjectSide.Own, null, page), ct));
        cpo.MapGet("/{tariffId}", (string cc, string pid, string tariffId, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObject(ModuleIds.Tariffs, new(cc, pid), Role.CPO, ObjectSide.Own, null, tariffId), ct).Ok());
        cpo.MapPut("/{tariffId}", async (string cc, string pid, string tariffId, OcpiBody<Tariff> body, IMediator m, CancellationToken ct) =>
        {
            var written = await m.Send(new PublishTariff(new(cc, pid), tariffId, body.Value), ct);
            return new AdminWritten<Tariff>(written.Created, written.Tariff);
        });
        cpo.MapDelete("/{tariffId}", async (string cc, string pid, string tariffId, IMediator m, CancellationToken ct) =>
        {
            await m.Send(new WithdrawTariff(new(cc, pid), tariffId), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);

        cpo.MapPost("/{tariffId}/estimate", (string cc, string pid, string tariffId, OcpiBody<EstimateBody> body, IMediator m, CancellationToken ct) =>
            m.Send(new EstimateTariff(new(cc, pid), Role.CPO, null, tariffId, body.Value), ct).Ok());

        var emsp = admin.MapGroup("/parties/{cc}/{pid}/emsp/tariffs");
        emsp.MapPost("/{country_code}/{party_id}/{tariffId}/estimate", (string cc, string pid, string country_code, string party_id, string tariffId,
            OcpiBody<EstimateBody> body, IMediator m, CancellationToken ct) =>
            m.Send(new EstimateTariff(new(cc, pid), Role.EMSP, new(country_code, party_id), tariffId, body.Value), ct).Ok());
        emsp.MapGet("", (string cc, string pid, string? country_code, string? party_id, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObjects(ModuleIds.Tariffs, new(cc, pid), Role.EMSP, ObjectSide.Received, HeldObjectsHandler.OwnerFilter(country_code, party_id), page), ct));
        emsp.MapGet("/{tariffId}", (string cc, string pid, string tariffId, string? country_code, string? party_id, IMediator m,
            CancellationToken ct) => m.Send(new GetHeldObject(ModuleIds.Tariffs, new(cc, pid), Role.EMSP, ObjectSide.Received, HeldObjectsHandler.OwnerFilter(country_code, party_id), tariffId), ct).Ok());
        return admin;
    }

}
