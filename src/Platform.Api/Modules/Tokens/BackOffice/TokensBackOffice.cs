using Platform.Api.Admin;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens.BackOffice;

/// <summary>Admin routes for tokens (ADMIN-API.md): an eMSP's own tokens, what a CPO received, and the CPO's authorization.</summary>
public static class TokensBackOffice
{
    public static IEndpointRouteBuilder MapTokensBackOffice(this IEndpointRouteBuilder admin)
    {
        var emsp = admin.MapGroup("/parties/{cc}/{pid}/emsp/tokens");
        emsp.MapGet("", (string cc, string pid, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObjects(ModuleIds.Tokens, new(cc, pid), Role.EMSP, ObjectSide.Own, null, page), ct));
        emsp.MapGet("/{uid}", (string cc, string pid, string uid, string? type, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObject(ModuleIds.Tokens, new(cc, pid), Role.EMSP, ObjectSide.Own, null, TokenKey.From(uid, type).ObjectId), ct).Ok());
        emsp.MapPut("/{uid}", (string cc, string pid, string uid, string? type, OcpiBody<Token> body, IMediator m, CancellationToken ct) =>
            Written(m.Send(new IssueToken(new(cc, pid), TokenKey.From(uid, type), body.Value, Patch: null), ct)));
        emsp.MapPatch("/{uid}", (string cc, string pid, string uid, string? type, OcpiPatch<Token> body, IMediator m, CancellationToken ct) =>
            Written(m.Send(new IssueToken(new(cc, pid), TokenKey.From(uid, type), body.Value, body.Json), ct)));

        var cpo = admin.MapGroup("/parties/{cc}/{pid}/cpo");
        cpo.MapGet("/tokens", (string cc, string pid, string? country_code, string? party_id, AdminPage page, IMediator m, CancellationToken ct) =>
            m.Send(new GetHeldObjects(ModuleIds.Tokens, new(cc, pid), Role.CPO, ObjectSide.Received, HeldObjectsHandler.OwnerFilter(country_code, party_id), page), ct));
        cpo.MapPost("/authorize", (string cc, string pid, OcpiBody<AuthorizePresentedToken> body, IMediator m, CancellationToken ct) =>
            m.Send(body.Value with { Cpo = new(cc, pid) }, ct).Ok());
        return admin;
    }

    private static async Task<AdminWritten<Token>> Written(ValueTask<TokenWritten> pending)
    {
        var written = await pending;
        return new(written.Created, written.Token);
    }
}
