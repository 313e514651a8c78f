using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens.Receiver;

/// <summary>An eMSP checks the token a hosted CPO holds (2.2.1 mod_tokens Receiver GET).</summary>
public sealed record GetReceivedToken(OcpiContext Context, PartyRef Owner, TokenKey Key) : IRequest<OcpiResult>;

public sealed class GetReceivedTokenHandler(OcpiObjectStore objects) : IRequestHandler<GetReceivedToken, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetReceivedToken request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Tokens, request.Context.HostedPartyId, ObjectSide.Received);
        var stored = await objects.FindAsync(scope, request.Owner.Key, request.Key.ObjectId, cancellationToken);
        return stored is null ? OcpiResult.NotFound($"No token {request.Key} of {request.Owner} here") : OcpiResult.Ok(stored.Root);
    }
}
