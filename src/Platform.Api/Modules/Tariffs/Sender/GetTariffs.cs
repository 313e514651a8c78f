using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Tariffs.Sender;

/// <summary>
/// A peer pulls the tariffs of the hosted CPO the call is routed to (2.2.1 mod_tariffs Sender GET list): only that
/// CPO's, in stable order with the paging headers. The 2.2.1 Sender interface has no GET of one tariff.
/// </summary>
public sealed record GetTariffs(OcpiContext Context, PageRequest Page) : IRequest<OcpiResult>;

public sealed class GetTariffsHandler(OcpiObjectStore objects, PublicUrl urls) : IRequestHandler<GetTariffs, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetTariffs request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Tariffs, request.Context.HostedPartyId, ObjectSide.Own);
        var page = request.Page;
        var (documents, total, next) = await objects.PageAsync(scope, new ObjectFilter(page.DateFrom, page.DateTo), page.Offset, page.Limit,
            cancellationToken, page.After);
        var data = OcpiDocument.Page(documents);
        var selfUrl = urls.Of(TariffsModule.Sender);
        return OcpiResult.Page(data, PageHeaders.For(selfUrl, page, data.Count, total, OcpiPage.MaxPageSize, next));
    }
}
