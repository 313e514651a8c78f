using Platform.Api.Admin;
using Platform.Ocpi.Model.Locations;

namespace Platform.Api.Modules.Locations.BackOffice;

/// <summary>Admin routes for locations (ADMIN-API.md "Data of a hosted party"): a CPO's own, and what an eMSP received.</summary>
public static class LocationsBackOffice
{
    public static IEndpointRouteBuilder MapLocationsBackOffice(this IEndpointRouteBuilder admin)
    {
        var cpo = admin.MapGroup("/parties/{cc}/{pid}/cpo/locations");
        cpo.MapGet("", (string cc, string pid, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetLocationsOfParty(new(cc, pid), Role.CPO, null, page), ct));
        cpo.MapGet("/{locationId}", (string cc, string pid, string locationId, IMediator m, CancellationToken ct) =>
            m.Send(new GetLocationOfParty(new(cc, pid), Role.CPO, null, new(locationId)), ct).Ok());
        cpo.MapPut("/{locationId}", (string cc, string pid, string locationId, OcpiBody<Location> body, IMediator m, CancellationToken ct) =>
            Written(m.Send(new PublishLocation(new(cc, pid), new(locationId), new LocationBody.Whole(body.Value)), ct)));
        cpo.MapPut("/{locationId}/{evseUid}", (string cc, string pid, string locationId, string evseUid, OcpiBody<Evse> body, IMediator m,
            CancellationToken ct) => Written(m.Send(new PublishLocation(new(cc, pid), new(locationId, evseUid), new LocationBody.OfEvse(body.Value)), ct)));
        cpo.MapPut("/{locationId}/{evseUid}/{connectorId}", (string cc, string pid, string locationId, string evseUid, string connectorId,
            OcpiBody<Connector> body, IMediator m, CancellationToken ct) =>
            Written(m.Send(new PublishLocation(new(cc, pid), new(locationId, evseUid, connectorId), new LocationBody.OfConnector(body.Value)), ct)));
        cpo.MapPatch("/{locationId}", (string cc, string pid, string locationId, OcpiPatch<Location> body, IMediator m, CancellationToken ct) =>
            Written(m.Send(new PublishLocation(new(cc, pid), new(locationId), new LocationBody.Whole(body.Value, body.Json)), ct)));
        cpo.MapPatch("/{locationId}/{evseUid}", (string cc, string pid, string locationId, string evseUid, OcpiPatch<Evse> body, IMediator m,
            CancellationToken ct) => Written(m.Send(new PublishLocation(new(cc, pid), new(locationId, evseUid), new LocationBody.OfEvse(body.Value, body.Json)), ct)));
        cpo.MapPatch("/{locationId}/{evseUid}/{connectorId}", (string cc, string pid, string locationId, string evseUid, string connectorId,
            OcpiPatch<Connector> body, IMediator m, CancellationToken ct) =>
            Written(m.Send(new PublishLocation(new(cc, pid), new(locationId, evseUid, connectorId), new LocationBody.OfConnector(body.Value, body.Json)), ct)));

        var emsp = admin.MapGroup("/parties/{cc}/{pid}/emsp/locations");
        emsp.MapGet("", (string cc, string pid, string? country_code, string? party_id, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetLocationsOfParty(new(cc, pid), Role.EMSP, HeldObjectsHandler.OwnerFilter(country_code, party_id), page), ct));
        emsp.MapGet("/{locationId}", (string cc, string pid, string locationId, string? country_code, string? party_id, IMediator m,
            CancellationToken ct) => m.Send(new GetLocationOfParty(new(cc, pid), Role.EMSP, HeldObjectsHandler.OwnerFilter(country_code, party_id), new(locationId)), ct).Ok());
        return admin;
    }


    private static async Task<AdminWritten<Location>> Written(ValueTask<LocationWritten> pending)
    {
        var written = await pending;
        return new(written.Created, written.Location.Root);
    }
}
