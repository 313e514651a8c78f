using Platform.Api.Admin;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions.BackOffice;

/// <summary>
/// A hosted CPO's charge-point management side feeds a session (PUT whole, or PATCH with charging_periods appended),
/// as it would from OCPP events. Pushed to the token's eMSP only.
/// </summary>
public sealed record FeedSession(PartyRef Cpo, string SessionId, Session Body, System.Text.Json.Nodes.JsonObject? Patch) : IRequest<SessionWritten>, ITransactional;

public sealed class FeedSessionValidator : AbstractValidator<FeedSession>
{
    public FeedSessionValidator() =>
        RuleFor(r => r).Custom((r, context) => SessionRules.Check(context, r.Cpo, r.SessionId, r.Body, r.Patch, receiver: null));
}

public sealed class FeedSessionHandler(BackOfficeParties parties, SessionWrites writes) : IRequestHandler<FeedSession, SessionWritten>
{
    public async ValueTask<SessionWritten> Handle(FeedSession request, CancellationToken cancellationToken)
    {
        var cpo = await parties.ResolveAsync(request.Cpo.CountryCode, request.Cpo.PartyId, Role.CPO, cancellationToken);
        var scope = new ObjectScope(ModuleIds.Sessions, cpo.Id, ObjectSide.Own);
        var owner = new PartyRef(cpo.CountryCode, cpo.PartyId);
        return request.Patch is not null
            ? await writes.PatchAsync(scope, owner, request.SessionId, request.Body, cancellationToken, request.Patch)
            : await writes.PutAsync(scope, owner, request.SessionId, request.Body, cancellationToken);
    }
}
