using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens.Receiver;

/// <summary>An eMSP pushes a whole token to a hosted CPO (2.2.1 mod_tokens Receiver PUT; ?type defaults to RFID).</summary>
public sealed record PutToken(OcpiContext Context, PartyRef Owner, TokenKey Key, Token Body) : IRequest<OcpiResult>, IGroupCommit;

public sealed class PutTokenValidator : AbstractValidator<PutToken>
{
    public PutTokenValidator() => RuleFor(r => r).Custom((r, context) => TokenRules.Check(context, r.Owner, r.Key, r.Body, patch: null));
}

public sealed class PutTokenHandler(TokenWrites writes) : IRequestHandler<PutToken, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PutToken request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Tokens, request.Context.HostedPartyId, ObjectSide.Received);
        var written = await writes.PutAsync(scope, request.Owner, request.Key, request.Body, cancellationToken);
        return written.Created ? OcpiResult.Created() : OcpiResult.Ok();
    }
}
