using System.Text.Json;
using Hangfire;
using Platform.Api.Infrastructure.Peers;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>
/// Sends one request of a hosted eMSP to its CPO, once: commands are not retried (2.2.1 mod_commands), so a send
/// that fails ends <c>failed</c> with the reason. The CPO's synchronous answer (CommandResponse or
/// ChargingProfileResponse: both a <c>result</c> and a <c>timeout</c>) is stored, and an accepted request gets a
/// timeout job for when its result is overdue (M7). Takes the request id only; the claim makes a second run a no-op.
/// </summary>
public sealed class SendRequestJob(SentRequestStore requests, ConnectionStore connections, PartyStore parties, IEnumerable<ISentRequestModule> modules,
    PeerCalls peers, IBackgroundJobClient jobs, Modules.Commands.CommandOptions options, Problems.ConnectionProblems problems, TimeProvider clock,
    ILogger<SendRequestJob> logger)
{
    // Past the peer client's total timeout: a send whose process died is given up then.
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(2);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string requestId, CancellationToken ct)
    {
        var request = await requests.FindAsync(requestId, ct);
        if (request is null || request.State != SentRequestStates.Sent || request.DispatchedAt is not null) return;
        if (!await requests.ClaimAsync(requestId, Now + GiveUpAfter, ct)) return;

        var module = modules.Single(m => m.Module == request.Module);
        var connection = request.ConnectionId is null ? null : await connections.FindAsync(request.ConnectionId, ct);
        if (connection is null || connection.State != ConnectionStates.Registered)
        {
            await FailAsync(request, connection is null ? $"no connection reaches {request.CpoKey}" : $"the connection to {request.CpoKey} is {connection.State}", ct);
            return;
        }
        var emsp = await parties.FindByIdAsync(request.HostedPartyId, ct);
        if (emsp is null)
        {
            await FailAsync(request, "the sending party no longer exists", ct);
            return;
        }
        var from = new PartyRef(emsp.CountryCode, emsp.PartyId);
        PartyKey.TryParse(request.CpoKey, out var cpoCc, out var cpoPid);
        var to = new PartyRef(cpoCc, cpoPid);

        (int? Status, string Description, JsonNode? Data) answer;
        try
        {
            answer = connection.IsInternal
                ? await SendInternallyAsync(module, request, connection.Id, from, to, ct)
                : await SendOverHttpAsync(module, request, connection, from, to, ct);
        }
        catch (PeerUnreachableException e)
        {
            await FailAsync(request, e.Message, ct);
            return;
        }
        catch (RequestRejectedException e)
        {
            var (http, ocpi) = OcpiErrorMiddleware.Map(e);
            await FailAsync(request, $"{request.CpoKey} refused it: HTTP {http}, OCPI {ocpi} '{e.Message}'", ct);
            return;
        }
        if (answer.Status is null && answer.Data is null)
        {
            await FailAsync(request, answer.Description, ct);
            return;
        }
        try
        {
            await RecordAnswerAsync(request, answer.Status, answer.Description, answer.Data, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a peer answered, the request ends with a reason instead of waiting for its give-up time.
            await FailAsync(request, $"could not read the answer ({e.GetType().Name}: {e.Message}): {answer.Description}", ct);
        }
    }

    private async Task<(int?, string, JsonNode?)> SendOverHttpAsync(ISentRequestModule module, SentRequest request, Connection connection, PartyRef from,
        PartyRef to, CancellationToken ct)
    {
        var receiverUrl = PeerEndpoints.Find(connection, module.Module, InterfaceRole.RECEIVER);
        if (receiverUrl is null) return (null, $"the platform of {request.CpoKey} lists no {module.Module} RECEIVER endpoint", null);
        if (connection.OutboundToken is null) return (null, "the connection holds no token to call the peer with", null);
        var call = module.BuildCall(request, receiverUrl);
        var answer = await peers.SendAsync<JsonObject>(connection, call.Method, call.Url, call.Body, from, to, ct);
        var description = $"{call.Method} {call.Url} answered {answer.Describe()}";
        // Only a 2xx envelope is an OCPI answer; anything else (401, 404, 500) is a failure to deliver.
        return answer.HttpStatus is >= 200 and < 300 ? (answer.StatusCode, description, answer.Data) : (null, description, null);
    }

    private async Task<(int?, string, JsonNode?)> SendInternallyAsync(ISentRequestModule module, SentRequest request, string connectionId, PartyRef from,
        PartyRef to, CancellationToken ct)
    {
        var cpo = await parties.FindAsync(to.CountryCode, to.PartyId, ct);
        if (cpo is null || !cpo.RoleList.Contains(Role.CPO)) return (null, $"{request.CpoKey} is not a CPO hosted here", null);
        var result = await module.SendInternallyAsync(request, new OcpiContext(connectionId, cpo.Id, to, Role.CPO, from), ct);
        var data = result.Data is null ? null : JsonSerializer.SerializeToNode(result.Data, OcpiJson.Options);
        var description = $"answered in-process HTTP {result.HttpStatus}, OCPI {result.StatusCode} '{result.Message}'";
        return result.HttpStatus is >= 200 and < 300 ? (result.StatusCode, description, data) : (null, description, null);
    }

    /// <summary>
    /// ACCEPTED waits for its result until the timeout the CPO gave; any other answer ends the request. Read
    /// tolerantly: a list holding the one answer object is read as that object (the peer client's rule), and a
    /// missing or unusable timeout is Commands:ResultTimeoutSeconds rather than zero (which would time the request out at once).
    /// </summary>
    private async Task RecordAnswerAsync(SentRequest request, int? status, string description, JsonNode? data, CancellationToken ct)
    {
        var result = data is JsonObject && data["result"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : null;
        if (result is null)
        {
            await FailAsync(request, $"no CommandResponse/ChargingProfileResponse in the answer: {description}", ct);
            return;
        }
        var timeout = TimeoutSeconds(data!["timeout"]) ?? options.ResultTimeoutSeconds;
        var accepted = result == "ACCEPTED" && status is { } code && OcpiStatus.IsSuccess(code);
        var state = accepted ? SentRequestStates.Accepted : SentRequestStates.Rejected;
        // e.g. 2003 with REJECTED for an unknown location (M3): kept as the reason, the answer as the response.
        var reason = status is { } s && !OcpiStatus.IsSuccess(s) ? description : null;
        await requests.RecordResponseAsync(request, data.ToJsonString(OcpiJson.Options), state, reason, accepted ? Now.AddSeconds(timeout) : null, ct);
        if (accepted)
            jobs.Schedule<RequestTimeoutJob>(job => job.RunAsync(request.Id, CancellationToken.None), TimeSpan.FromSeconds(timeout));
        logger.LogInformation("Sent {Module} {Type} {SentRequestId} to {Cpo}: {Result}", request.Module, request.Type, request.Id, request.CpoKey, result);
    }

    /// <summary>The CPO's timeout in whole seconds when it is a positive number (or a numeric string), else null.</summary>
    private static int? TimeoutSeconds(JsonNode? node)
    {
        if (node is not JsonValue value) return null;
        double seconds;
        if (value.TryGetValue<double>(out var number)) seconds = number;
        else if (value.TryGetValue<string>(out var text) && double.TryParse(text, System.Globalization.NumberStyles.Float,
                     System.Globalization.CultureInfo.InvariantCulture, out var parsed)) seconds = parsed;
        else return null;
        return seconds is > 0 and <= int.MaxValue ? (int)Math.Ceiling(seconds) : null;
    }

    private async Task FailAsync(SentRequest request, string reason, CancellationToken ct)
    {
        await requests.FailAsync(request, reason, ct);
        if (request.ConnectionId is { } connectionId)
            await problems.RecordAsync(connectionId, Problems.ProblemDirections.Outbound, request.Module, request.Id, null, $"{request.Type} to {request.CpoKey} failed: {reason}", ct);
        logger.LogWarning("Sending {Module} {Type} {SentRequestId} to {Cpo} failed: {Reason}", request.Module, request.Type, request.Id, request.CpoKey, reason);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>Marks a request whose result is overdue <c>timed_out</c> (M7); does nothing when the result came.</summary>
public sealed class RequestTimeoutJob(SentRequestStore requests, ILogger<RequestTimeoutJob> logger)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(string requestId, CancellationToken ct)
    {
        if (await requests.TimeOutAsync(requestId, ct))
            logger.LogInformation("Sent request {SentRequestId} timed out without a result", requestId);
    }
}
