using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Locations.Sender;

/// <summary>
/// A peer pulls the locations of the hosted CPO the call is routed to (2.2.1 mod_locations Sender GET list):
/// only that CPO's, only ones with a usable EVSE (L3), published or unpublished but naming a token of the caller
/// (L4), in stable order with the paging headers.
/// </summary>
public sealed record GetLocations(OcpiContext Context, PageRequest Page) : IRequest<OcpiResult>;

public sealed class GetLocationsHandler(OcpiObjectStore objects, LocationPublication publication, PublicUrl urls) : IRequestHandler<GetLocations, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetLocations request, CancellationToken cancellationToken)
    {
        var context = request.Context;
        var scope = new ObjectScope(ModuleIds.Locations, context.HostedPartyId, ObjectSide.Own);
        var page = request.Page;
        var shown = await publication.ShownUnpublishedAsync(context.HostedPartyId, context.Remote.Key, cancellationToken);
        var (documents, total, next) = await objects.PageAsync(scope, new ObjectFilter(page.DateFrom, page.DateTo, OnlyListed: true, AlsoShown: shown),
            page.Offset, page.Limit, cancellationToken, page.After);
        var data = OcpiDocument.Page(documents);
        var selfUrl = urls.Of(LocationsModule.Sender);
        return OcpiResult.Page(data, PageHeaders.For(selfUrl, page, data.Count, total, OcpiPage.MaxPageSize, next));
    }
}
