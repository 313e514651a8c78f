using Platform.Api.Admin;
using Platform.Api.Modules.Cdrs.Audit;
using Platform.Ocpi.Pricing;

namespace Platform.Api.Modules.Cdrs.BackOffice;

/// <summary>
/// The CDRs a hosted eMSP received (GET …/emsp/cdrs), each as its OCPI JSON plus <c>audit</c>, the check against the
/// CPO's tariff (null for a CDR received before audits existed); <c>?audit=match|mismatch|unverifiable</c> lists one kind.
/// </summary>
public sealed record GetAuditedCdrs(PartyRef Emsp, PartyRef? Owner, string? Audit, AdminPage Page) : IRequest<AdminList<JsonNode>>;

public sealed record GetAuditedCdr(PartyRef Emsp, PartyRef? Owner, string CdrId) : IRequest<JsonNode>;

public sealed class GetAuditedCdrsHandler(BackOfficeParties parties, CdrAuditStore audits)
    : IRequestHandler<GetAuditedCdrs, AdminList<JsonNode>>, IRequestHandler<GetAuditedCdr, JsonNode>
{
    public async ValueTask<AdminList<JsonNode>> Handle(GetAuditedCdrs request, CancellationToken ct)
    {
        var result = request.Audit is null ? null
            : Enum.TryParse<AuditResult>(request.Audit, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed.ToString()
            : throw new RequestRejectedException(RejectionKind.Invalid, $"audit: '{request.Audit}' is not one of match, mismatch, unverifiable");
        var emsp = await parties.ResolveAsync(request.Emsp.CountryCode, request.Emsp.PartyId, Role.EMSP, ct);
        var (items, total) = await audits.PageAsync(emsp.Id, request.Owner?.Key, result, request.Page.Offset, request.Page.Limit, ct);
        return new AdminList<JsonNode>(items.Select(WithAudit).ToList(), total);
    }

    public async ValueTask<JsonNode> Handle(GetAuditedCdr request, CancellationToken ct)
    {
        var emsp = await parties.ResolveAsync(request.Emsp.CountryCode, request.Emsp.PartyId, Role.EMSP, ct);
        var found = (await audits.FindAsync(emsp.Id, request.Owner?.Key, request.CdrId, ct)).FirstOrDefault();
        return found is null
            ? throw new RequestRejectedException(RejectionKind.NotFound, $"{request.Emsp} holds no cdrs object {request.CdrId}")
            : WithAudit(found);
    }

    private static JsonNode WithAudit(AuditedCdr row)
    {
        var cdr = JsonNode.Parse(row.Document)!.AsObject();
        cdr["audit"] = row.Audit is null ? null : JsonNode.Parse(row.Audit);
        return cdr;
    }
}
