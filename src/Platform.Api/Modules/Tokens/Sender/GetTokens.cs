using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Tokens.Sender;

/// <summary>A CPO pulls the hosted eMSP's tokens, paged (2.2.1 mod_tokens Sender GET), e.g. at start-up or resync.</summary>
public sealed record GetTokens(OcpiContext Context, PageRequest Page) : IRequest<OcpiResult>;

public sealed class GetTokensHandler(OcpiObjectStore objects, PublicUrl urls) : IRequestHandler<GetTokens, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetTokens request, CancellationToken cancellationToken)
    {
        var page = request.Page;
        var scope = new ObjectScope(ModuleIds.Tokens, request.Context.HostedPartyId, ObjectSide.Own);
        var (documents, total, next) = await objects.PageAsync(scope, new ObjectFilter(page.DateFrom, page.DateTo), page.Offset, page.Limit, cancellationToken, page.After);
        var data = OcpiDocument.Page(documents);
        return OcpiResult.Page(data, PageHeaders.For(urls.Of(TokensModule.Sender), page, data.Count, total, OcpiPage.MaxPageSize, next));
    }
}
