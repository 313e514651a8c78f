using Hangfire;
using Platform.Api.Admin;
using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Api.Modules.ChargePoints;
using Platform.Api.Modules.Commands.BackOffice;
using Platform.Ocpi;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Validation;

namespace Platform.Api.Modules.ChargingProfiles.BackOffice;

/// <summary>
/// A hosted eMSP (its smart-charging side) sets, reads or clears the charging profile of a session at its CPO:
/// PUT / POST …/active / DELETE on …/emsp/chargingprofiles/{session_id}. The CPO is <c>"cpo"</c> (body, or
/// <c>?cpo=</c> on DELETE), or else the CPO the eMSP holds the session from. A job sends it; the response and
/// result are read back with GET.
/// </summary>
public sealed record SendChargingProfileRequest(PartyRef Emsp, ChargingProfileRequestType Type, string SessionId, string? Cpo, JsonObject? Body)
    : IRequest<SentRequestCreated>, ITransactional;

public sealed class SendChargingProfileRequestHandler(BackOfficeParties parties, OcpiObjectStore objects, Routing routing, SentRequestStore requests,
    PublicUrl urls, DbSession db, IBackgroundJobClient jobs) : IRequestHandler<SendChargingProfileRequest, SentRequestCreated>
{
    public async ValueTask<SentRequestCreated> Handle(SendChargingProfileRequest request, CancellationToken ct)
    {
        var emsp = await parties.ResolveAsync(request.Emsp.CountryCode, request.Emsp.PartyId, Role.EMSP, ct);
        if (!CiString.IsValid(request.SessionId, 36))
            throw new RequestRejectedException(RejectionKind.Invalid, "session_id must be at most 36 printable ASCII characters");
        var cpoKey = await CpoAsync(request, emsp.Id, ct);
        var id = Guid.NewGuid().ToString("N");
        var responseUrl = $"{urls.Of(ChargingProfilesModule.Sender)}/{ChargingProfilesModule.ResultsSegment}/{id}";
        var document = request.Type switch
        {
            ChargingProfileRequestType.SET => SetBody(request.Body, responseUrl),
            ChargingProfileRequestType.GET => new JsonObject { ["duration"] = Duration(request.Body), ["response_url"] = responseUrl },
            _ => new JsonObject { ["response_url"] = responseUrl },
        };
        var route = await routing.ReachAsync(emsp.Id, cpoKey, Role.CPO, ModuleIds.ChargingProfiles, InterfaceRole.RECEIVER, ct);
        await requests.AddAsync(id, emsp.Id, ModuleIds.ChargingProfiles, request.Type.ToString(), cpoKey, route.Connection?.Id, request.SessionId,
            OcpiDocument.Serialize(document), route.Unreachable is null ? SentRequestStates.Sent : SentRequestStates.Failed, route.Unreachable, ct);
        if (route.Unreachable is null)
            db.AfterCommit(() => jobs.Enqueue<SendRequestJob>(job => job.RunAsync(id, CancellationToken.None)));
        return new SentRequestCreated(id);
    }

    private async Task<string> CpoAsync(SendChargingProfileRequest request, long emspId, CancellationToken ct)
    {
        if (request.Cpo is not null || request.Body?["cpo"] is not null)
            return SendCommandHandler.CpoOf(new JsonObject { ["cpo"] = request.Cpo ?? request.Body!["cpo"]!.DeepClone() });
        var owners = (await objects.FindByIdAsync(new ObjectScope(ModuleIds.Sessions, emspId, ObjectSide.Received), request.SessionId, ct))
            .Select(s => s.OwnerKey).Distinct().ToList();
        return owners.Count == 1
            ? owners[0]
            : throw new RequestRejectedException(RejectionKind.Invalid, owners.Count == 0
                ? $"cpo: no session {request.SessionId} is held here; name the CPO as \"cpo\": \"NL*ABC\""
                : $"cpo: sessions {request.SessionId} of several CPOs ({string.Join(", ", owners)}) are held here; name one");
    }

    private static JsonObject SetBody(JsonObject? body, string responseUrl)
    {
        var json = new JsonObject { ["charging_profile"] = body?["charging_profile"]?.DeepClone(), ["response_url"] = responseUrl };
        if (!OcpiJson.TryRead<SetChargingProfile>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(json), out var set, out var error))
            throw new RequestRejectedException(RejectionKind.Invalid, $"Invalid SetChargingProfile: {error}");
        var validation = WireValidators.Put<SetChargingProfile>().Validate(set);
        return validation.IsValid ? OcpiDocument.ToObject(set) : throw new RequestRejectedException(RejectionKind.Invalid, OcpiValidation.Describe(validation));
    }

    private static int Duration(JsonObject? body) =>
        body?["duration"] is JsonValue value && value.TryGetValue<int>(out var seconds) && seconds >= 0
            ? seconds
            : throw new RequestRejectedException(RejectionKind.Invalid, "duration: the number of seconds to read the active profile for is required");
}

/// <summary>What a hosted eMSP knows of one session's charging profile: the latest active profile heard of, and its requests, newest first.</summary>
public sealed record GetChargingProfileOfSession(PartyRef Emsp, string SessionId, AdminPage Page) : IRequest<JsonObject>;

public sealed class GetChargingProfileOfSessionHandler(BackOfficeParties parties, OcpiObjectStore objects, SentRequestStore requests)
    : IRequestHandler<GetChargingProfileOfSession, JsonObject>
{
    public async ValueTask<JsonObject> Handle(GetChargingProfileOfSession request, CancellationToken ct)
    {
        var emsp = await parties.ResolveAsync(request.Emsp.CountryCode, request.Emsp.PartyId, Role.EMSP, ct);
        var (items, total) = await requests.ListAsync(emsp.Id, ModuleIds.ChargingProfiles, request.SessionId, request.Page.Offset, request.Page.Limit, ct);
        var active = (await objects.FindByIdAsync(new ObjectScope(ModuleIds.ChargingProfiles, emsp.Id, ObjectSide.Received), request.SessionId, ct))
            .MaxBy(o => o.LastUpdated);
        if (total == 0 && active is null)
            throw new RequestRejectedException(RejectionKind.NotFound, $"{emsp.Key} has no charging profile requests or profiles for session {request.SessionId}");
        var views = items.Select(SentRequestView.Of).ToList();
        return new JsonObject
        {
            ["session_id"] = request.SessionId,
            ["active_charging_profile"] = active is null ? null : JsonNode.Parse(active.Document)!["active_charging_profile"]!.DeepClone(),
            ["latest"] = views.FirstOrDefault()?.DeepClone(),
            ["requests"] = new JsonArray(views.Select(v => (JsonNode)v).ToArray()),
            ["total_requests"] = total,
        };
    }
}
