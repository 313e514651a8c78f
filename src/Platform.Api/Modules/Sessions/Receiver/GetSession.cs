using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions.Receiver;

/// <summary>A CPO reads back the session the hosted eMSP holds, e.g. after a failed PATCH (Receiver GET).</summary>
public sealed record GetReceivedSession(OcpiContext Context, PartyRef Owner, string SessionId) : IRequest<OcpiResult>;

public sealed class GetReceivedSessionHandler(OcpiObjectStore objects) : IRequestHandler<GetReceivedSession, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetReceivedSession request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Sessions, request.Context.HostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, request.Owner.Key, request.SessionId, cancellationToken);
        return stored is null ? OcpiResult.NotFound($"No session {request.SessionId} of {request.Owner} here") : OcpiResult.Ok(stored.Root);
    }
}
