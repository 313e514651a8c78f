using Hangfire;
using Platform.Api.Admin;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.Commands.BackOffice;

/// <summary>A request accepted for sending: its id, under which the back office and our response_url find it.</summary>
public sealed record SentRequestCreated(string Id);

/// <summary>
/// A hosted eMSP's app or helpdesk sends a command to a CPO (POST …/emsp/commands/{type}, ADMIN-API.md): the body is
/// the OCPI command without response_url plus <c>"cpo": "NL*ABC"</c>. We set response_url to our own URL, unique per
/// command, and a job sends it, never the request itself. No connection to the CPO: the command is <c>failed</c>.
/// </summary>
public sealed record SendCommand(PartyRef Emsp, string Type, JsonObject Body) : IRequest<SentRequestCreated>, ITransactional;

public sealed class SendCommandHandler(BackOfficeParties parties, Routing routing, SentRequestStore requests, PublicUrl urls, DbSession db,
    IBackgroundJobClient jobs) : IRequestHandler<SendCommand, SentRequestCreated>
{
    public async ValueTask<SentRequestCreated> Handle(SendCommand request, CancellationToken ct)
    {
        var emsp = await parties.ResolveAsync(request.Emsp.CountryCode, request.Emsp.PartyId, Role.EMSP, ct);
        if (!CommandBodies.TryParseType(request.Type, out var type))
            throw new RequestRejectedException(RejectionKind.NotFound, $"Unknown command '{request.Type}'; the commands are {string.Join(", ", Enum.GetNames<CommandType>())}");
        var cpoKey = CpoOf(request.Body);

        var id = Guid.NewGuid().ToString("N");
        var route = await routing.ReachAsync(emsp.Id, cpoKey, Role.CPO, ModuleIds.Commands, InterfaceRole.RECEIVER, ct);
        var json = request.Body.DeepClone().AsObject();
        json.Remove("cpo");
        // In the connection's version: the CPO posts its result there in that version's shape.
        json["response_url"] = ResponseUrl(urls, type, id, route.Connection?.Version);
        var body = CommandBodies.Read(type, json);
        var validation = CommandBodies.Validate(body);
        if (!validation.IsValid) throw new RequestRejectedException(RejectionKind.Invalid, OcpiValidation.Describe(validation));
        var facts = CommandBodies.Facts(body);
        if (CommandBodies.ForeignToken(facts, new PartyRef(emsp.CountryCode, emsp.PartyId)) is { } foreign)
            throw new RequestRejectedException(RejectionKind.Invalid, OcpiValidation.Describe(foreign));

        await requests.AddAsync(id, emsp.Id, ModuleIds.Commands, type.ToString(), cpoKey, route.Connection?.Id, facts.SessionId,
            OcpiJson.Serialize(body), route.Unreachable is null ? SentRequestStates.Sent : SentRequestStates.Failed, route.Unreachable, ct);
        if (route.Unreachable is null)
            db.AfterCommit(() => jobs.Enqueue<SendRequestJob>(job => job.RunAsync(id, CancellationToken.None)));
        return new SentRequestCreated(id);
    }

    /// <summary>Our response_url of one command: unique, so a result matches its command (digest §4.6).</summary>
    public static string ResponseUrl(PublicUrl urls, CommandType type, string id, string? version = null) =>
        $"{urls.Of(CommandsModule.Sender, version)}/{type}/{id}";

    /// <summary>The <c>"cpo": "NL*ABC"</c> the back office names the CPO with.</summary>
    public static string CpoOf(JsonObject body) =>
        body["cpo"] is JsonValue value && value.TryGetValue<string>(out var text) && PartyKey.TryParse(text.Trim(), out var cc, out var pid)
            ? PartyKey.Of(cc, pid)
            : throw new RequestRejectedException(RejectionKind.Invalid, "cpo: name the CPO to send to as COUNTRY*PARTY, e.g. \"NL*ABC\"");
}

public sealed record GetSentCommand(PartyRef Emsp, string Id) : IRequest<JsonObject>;

public sealed record GetSentCommands(PartyRef Emsp, AdminPage Page) : IRequest<AdminList<JsonObject>>;

public sealed class GetSentCommandsHandler(BackOfficeParties parties, SentRequestStore requests)
    : IRequestHandler<GetSentCommand, JsonObject>, IRequestHandler<GetSentCommands, AdminList<JsonObject>>
{
    public async ValueTask<JsonObject> Handle(GetSentCommand request, CancellationToken ct)
    {
        var emsp = await parties.ResolveAsync(request.Emsp.CountryCode, request.Emsp.PartyId, Role.EMSP, ct);
        var sent = await requests.FindAsync(emsp.Id, ModuleIds.Commands, request.Id, ct)
            ?? throw new RequestRejectedException(RejectionKind.NotFound, $"{emsp.Key} sent no command {request.Id}");
        return SentRequestView.Of(sent);
    }

    public async ValueTask<AdminList<JsonObject>> Handle(GetSentCommands request, CancellationToken ct)
    {
        var emsp = await parties.ResolveAsync(request.Emsp.CountryCode, request.Emsp.PartyId, Role.EMSP, ct);
        var (items, total) = await requests.ListAsync(emsp.Id, ModuleIds.Commands, null, request.Page.Offset, request.Page.Limit, ct);
        return new AdminList<JsonObject>(items.Select(SentRequestView.Of).ToList(), total);
    }
}
