using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Locations.Receiver;

/// <summary>A CPO reads back what a hosted eMSP holds of its location, EVSE or connector (Receiver GET).</summary>
public sealed record GetReceivedLocation(OcpiContext Context, PartyRef Owner, LocationPath Path) : IRequest<OcpiResult>;

public sealed class GetReceivedLocationHandler(OcpiObjectStore objects) : IRequestHandler<GetReceivedLocation, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetReceivedLocation request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Locations, request.Context.HostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, request.Owner.Key, request.Path.LocationId, cancellationToken);
        var found = stored is null ? null : LocationDocument.ReadAt(stored, request.Path);
        return found is null ? OcpiResult.NotFound($"No location object {request.Path} of {request.Owner} here") : OcpiResult.Ok(found);
    }
}
