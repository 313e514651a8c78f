using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs.Receiver;

/// <summary>A CPO reads a CDR back at the Location the POST answered (2.2.1 mod_cdrs Receiver GET).</summary>
public sealed record GetReceivedCdr(OcpiContext Context, PartyRef Owner, string CdrId) : IRequest<OcpiResult>;

public sealed class GetReceivedCdrHandler(OcpiObjectStore objects) : IRequestHandler<GetReceivedCdr, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetReceivedCdr request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Cdrs, request.Context.HostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, request.Owner.Key, request.CdrId, cancellationToken);
        return stored is null ? OcpiResult.NotFound($"No CDR {request.CdrId} of {request.Owner} here") : OcpiResult.Ok(stored.Root);
    }
}
