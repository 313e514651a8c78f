using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Sessions.Receiver;

/// <summary>A CPO pushes changed fields of a session; charging_periods in it are appended (Receiver PATCH, S2).</summary>
public sealed record PatchSession(OcpiContext Context, PartyRef Owner, string SessionId, Session Body, System.Text.Json.Nodes.JsonObject Json) : IRequest<OcpiResult>, IGroupCommit;

public sealed class PatchSessionValidator : AbstractValidator<PatchSession>
{
    public PatchSessionValidator() =>
        RuleFor(r => r).Custom((r, context) => SessionRules.Check(context, r.Owner, r.SessionId, r.Body, r.Json, r.Context.Hosted));
}

public sealed class PatchSessionHandler(SessionWrites writes) : IRequestHandler<PatchSession, OcpiResult>
{
    public async ValueTask<OcpiResult> Handle(PatchSession request, CancellationToken cancellationToken)
    {
        var scope = new ObjectScope(ModuleIds.Sessions, request.Context.HostedPartyId, ObjectSide.Received);
        await writes.PatchAsync(scope, request.Owner, request.SessionId, request.Body, cancellationToken, request.Json);
        return OcpiResult.Ok();
    }
}
