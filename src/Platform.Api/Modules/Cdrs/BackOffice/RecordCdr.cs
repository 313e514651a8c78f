using Platform.Api.Admin;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.Cdrs.BackOffice;

/// <summary>
/// A hosted CPO's billing side records a finished CDR (POST …/cpo/cdrs). It is sent to the eMSP of its token and
/// never dropped. The same id twice is refused (409): a correction is a credit CDR with a new id.
/// </summary>
public sealed record RecordCdr(PartyRef Cpo, Cdr Body) : IRequest<JsonNode>, ITransactional;

public sealed class RecordCdrValidator : AbstractValidator<RecordCdr>
{
    public RecordCdrValidator() => RuleFor(r => r).Custom((r, context) => CdrRules.Check(context, r.Body, r.Cpo, receiver: null));
}

public sealed class RecordCdrHandler(BackOfficeParties parties, CdrWrites writes) : IRequestHandler<RecordCdr, JsonNode>
{
    public async ValueTask<JsonNode> Handle(RecordCdr request, CancellationToken cancellationToken)
    {
        var cpo = await parties.ResolveAsync(request.Cpo.CountryCode, request.Cpo.PartyId, Role.CPO, cancellationToken);
        var scope = new ObjectScope(ModuleIds.Cdrs, cpo.Id, ObjectSide.Own);
        var stored = await writes.StoreAsync(scope, new PartyRef(cpo.CountryCode, cpo.PartyId), request.Body, cancellationToken);
        if (stored != CdrStored.Created)
            throw new RequestRejectedException(RejectionKind.Conflict,
                $"CDR {request.Body.Id} of {cpo.Key} already exists; CDRs are immutable: record a credit CDR with a new id to correct it");
        return OcpiDocument.ToObject(request.Body);
    }
}
