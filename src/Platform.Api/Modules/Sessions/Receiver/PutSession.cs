using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions.Receiver;

/// <summary>A CPO pushes a whole session to the hosted eMSP of its token (2.2.1 mod_sessions Receiver PUT).</summary>
public sealed record PutSession(OcpiContext Context, PartyRef Owner, string SessionId, Session Body) : IRequest<OcpiResult>, IGroupCommit;

public sealed class PutSessionValidator : AbstractValidator<PutSession>
{
    public PutSessionValidator() =>
        RuleFor(r => r).Custom((r, context) => SessionRules.Check(context, r.Owner, r.SessionId, r.Body, patch: null, r.Context.Hosted));
}

public sealed class PutSessionHandler(SessionWrites writes) : IRequestHandler<PutSession, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PutSession request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Sessions, request.Context.HostedPartyId, ObjectSide.Received);
        var written = await writes.PutAsync(scope, request.Owner, request.SessionId, request.Body, cancellationToken);
        return written.Created ? OcpiResult.Created() : OcpiResult.Ok();
    }
}
