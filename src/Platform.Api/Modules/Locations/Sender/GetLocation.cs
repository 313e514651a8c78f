using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations.Sender;

/// <summary>A peer reads one location, EVSE or connector of the hosted CPO (2.2.1 mod_locations Sender GET object).</summary>
public sealed record GetLocation(OcpiContext Context, LocationPath Path) : IRequest<OcpiResult>;

public sealed class GetLocationHandler(OcpiObjectStore objects, LocationPublication publication) : IRequestHandler<GetLocation, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetLocation request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Locations, request.Context.HostedPartyId, ObjectSide.Own);
        var stored = await objects.FindAsync(scope, request.Context.Hosted.Key, request.Path.LocationId, cancellationToken);
        // An unpublished location is answered as unknown unless the caller owns a token it names (L4).
        var visible = stored is not null && (stored.Published
            || await publication.MayShowUnpublishedAsync(request.Context.HostedPartyId, LocationDocument.Read(stored), request.Context.Remote.Key, cancellationToken));
        // Read from the stored document, not a tree of it, so that it is written as stored.
        var found = visible ? LocationDocument.ReadAt(stored!, request.Path) : null;
        return found is null ? OcpiResult.NotFound($"Unknown location object {request.Path}") : OcpiResult.Ok(found);
    }
}
