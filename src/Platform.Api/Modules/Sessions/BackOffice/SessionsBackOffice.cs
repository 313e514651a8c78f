using Platform.Api.Admin;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions.BackOffice;

/// <summary>Admin routes for sessions (ADMIN-API.md): a CPO feeds its own, an eMSP reads what it received.</summary>
public static class SessionsBackOffice
{
    public static IEndpointRouteBuilder MapSessionsBackOffice(this IEndpointRouteBuilder admin)
    {
        var cpo = admin.MapGroup("/parties/{cc}/{pid}/cpo/sessions");
        cpo.MapGet("", (string cc, string pid, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObjects(ModuleIds.Sessions, new(cc, pid), Role.CPO, ObjectSide.Own, null, page), ct));
        cpo.MapGet("/{sessionId}", (string cc, string pid, string sessionId, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObject(ModuleIds.Sessions, new(cc, pid), Role.CPO, ObjectSide.Own, null, sessionId), ct).Ok());
        cpo.MapGet("/{sessionId}/charging_preferences", (string cc, string pid, string sessionId, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObject(Sender.PutChargingPreferencesHandler.PreferencesModule, new(cc, pid), Role.CPO, ObjectSide.Own, null, sessionId), ct).Ok());
        cpo.MapPut("/{sessionId}", (string cc, string pid, string sessionId, OcpiBody<Session> body, IMediator m, CancellationToken ct) =>
            Written(m.Send(new FeedSession(new(cc, pid), sessionId, body.Value, Patch: null), ct)));
        cpo.MapPatch("/{sessionId}", (string cc, string pid, string sessionId, OcpiPatch<Session> body, IMediator m, CancellationToken ct) =>
            Written(m.Send(new FeedSession(new(cc, pid), sessionId, body.Value, body.Json), ct)));

        var emsp = admin.MapGroup("/parties/{cc}/{pid}/emsp/sessions");
        emsp.MapGet("", (string cc, string pid, string? country_code, string? party_id, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObjects(ModuleIds.Sessions, new(cc, pid), Role.EMSP, ObjectSide.Received, HeldObjectsHandler.OwnerFilter(country_code, party_id), page), ct));
        emsp.MapGet("/{sessionId}", (string cc, string pid, string sessionId, string? country_code, string? party_id, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObject(ModuleIds.Sessions, new(cc, pid), Role.EMSP, ObjectSide.Received, HeldObjectsHandler.OwnerFilter(country_code, party_id), sessionId), ct).Ok());
        return admin;
    }

    private static async Task<AdminWritten<Session>> Written(ValueTask<SessionWritten> pending)
    {
        var written = await pending;
        return new(written.Created, written.Session);
    }
}
