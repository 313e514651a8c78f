using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Modules.Sessions.Sender;

/// <summary>
/// An eMSP pulls the hosted CPO's sessions (2.2.1 mod_sessions Sender GET): only those of its own tokens, paged.
/// date_from is required here, unlike other lists (S1; project choice: 2001 without it).
/// </summary>
public sealed record GetSessions(OcpiContext Context, PageRequest Page) : IRequest<OcpiResult>;

public sealed class GetSessionsHandler(OcpiObjectStore objects, PublicUrl urls) : IRequestHandler<GetSessions, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(GetSessions request, CancellationToken cancellationToken)
    {
        var page = request.Page;
        if (page.DateFrom is null)
            return OcpiResult.Error(OcpiStatus.InvalidOrMissingParameters, "date_from is required on the Sessions Sender GET (OCPI 2.2.1 mod_sessions)");
        var scope = new ObjectScope(ModuleIds.Sessions, request.Context.HostedPartyId, ObjectSide.Own);
        var filter = new ObjectFilter(page.DateFrom, page.DateTo, AudienceKey: request.Context.Remote.Key);
        var (documents, total, next) = await objects.PageAsync(scope, filter, page.Offset, page.Limit, cancellationToken, page.After);
        var data = OcpiDocument.Page(documents);
        return OcpiResult.Page(data, PageHeaders.For(urls.Of(SessionsModule.Sender), page, data.Count, total, OcpiPage.MaxPageSize, next));
    }
}
