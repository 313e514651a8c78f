using Platform.Api.Admin;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Tokens.BackOffice;

/// <summary>A hosted eMSP issues or changes one of its tokens (PUT whole, PATCH fields); pushed to its CPO peers.</summary>
public sealed record IssueToken(PartyRef Emsp, TokenKey Key, Token Body, System.Text.Json.Nodes.JsonObject? Patch) : IRequest<TokenWritten>, ITransactional;

public sealed class IssueTokenValidator : AbstractValidator<IssueToken>
{
    public IssueTokenValidator() => RuleFor(r => r).Custom((r, context) => TokenRules.Check(context, r.Emsp, r.Key, r.Body, r.Patch));
}

public sealed class IssueTokenHandler(BackOfficeParties parties, TokenWrites writes) : IRequestHandler<IssueToken, TokenWritten>
{
    public async ValueTask<TokenWritten> Handle(IssueToken request, CancellationToken cancellationToken)
    {
        var emsp = await parties.ResolveAsync(request.Emsp.CountryCode, request.Emsp.PartyId, Role.EMSP, cancellationToken);
        var scope = new ObjectScope(ModuleIds.Tokens, emsp.Id, ObjectSide.Own);
        var owner = new PartyRef(emsp.CountryCode, emsp.PartyId);
        return request.Patch is not null
            ? await writes.PatchAsync(scope, owner, request.Key, request.Body, cancellationToken, request.Patch)
            : await writes.PutAsync(scope, owner, request.Key, request.Body, cancellationToken);
    }
}
