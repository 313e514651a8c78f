using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens.Receiver;

/// <summary>An eMSP pushes changed fields of a token, e.g. valid=false (2.2.1 mod_tokens Receiver PATCH).</summary>
public sealed record PatchToken(OcpiContext Context, PartyRef Owner, TokenKey Key, Token Body, System.Text.Json.Nodes.JsonObject Json) : IRequest<OcpiResult>, IGroupCommit;

public sealed class PatchTokenValidator : AbstractValidator<PatchToken>
{
    public PatchTokenValidator() => RuleFor(r => r).Custom((r, context) => TokenRules.Check(context, r.Owner, r.Key, r.Body, r.Json));
}

public sealed class PatchTokenHandler(TokenWrites writes) : IRequestHandler<PatchToken, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PatchToken request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Tokens, request.Context.HostedPartyId, ObjectSide.Received);
        await writes.PatchAsync(scope, request.Owner, request.Key, request.Body, cancellationToken, request.Json);
        return OcpiResult.Ok();
    }
}
