using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Cdrs.Sender;

/// <summary>An eMSP pulls the hosted CPO's CDRs of its own tokens, paged (2.2.1 mod_cdrs Sender GET).</summary>
public sealed record GetCdrs(OcpiContext Context, PageRequest Page) : IRequest<OcpiResult>;

public sealed class GetCdrsHandler(OcpiObjectStore objects, PublicUrl urls) : IRequestHandler<GetCdrs, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetCdrs request, CancellationToken cancellationToken)
    {
        var page = request.Page;
        var scope = new ObjectScope(ModuleIds.Cdrs, request.Context.HostedPartyId, ObjectSide.Own);
        var filter = new ObjectFilter(page.DateFrom, page.DateTo, AudienceKey: request.Context.Remote.Key);
        var (documents, total, next) = await objects.PageAsync(scope, filter, page.Offset, page.Limit, cancellationToken, page.After);
        var data = OcpiDocument.Page(documents);
        return OcpiResult.Page(data, PageHeaders.For(urls.Of(CdrsModule.Sender), page, data.Count, total, OcpiPage.MaxPageSize, next));
    }
}
