using Platform.Api.Infrastructure.Callbacks;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Modules.ChargingProfiles;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.ChargingProfiles;
using Platform.Ocpi.Model.Commands;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Modules.ChargePoints;

/// <summary>
/// Where a charge-point gateway reports what chargers did. Each outcome is recorded once per request (a second
/// report is ignored and answered false) and posted to the sender by a job, in the caller's transaction when it
/// has one, so a gateway's own changes (a session it started) and the result commit together.
/// </summary>
public sealed class ChargePointOutcomes(DbSession db, ReceivedRequestStore received, ResultPosts posts, ConnectionStore connections,
    PublicUrl urls, ILogger<ChargePointOutcomes> logger)
{
    public Task<bool> CommandResultAsync(long requestId, CommandResult result, CancellationToken ct) => ReportAsync(requestId, result, ct);

    /// <param name="result">A ChargingProfileResult (SET), ActiveChargingProfileResult (GET) or ClearProfileResult (CLEAR).</param>
    public Task<bool> ChargingProfileResultAsync(long requestId, object result, CancellationToken ct) => ReportAsync(requestId, result, ct);

    /// <summary>
    /// The profile in force for a session changed (P3): PUT to the Sender endpoint of the party that set a profile
    /// on it, over the connection its request came on. Call it only for sessions where that party's SET succeeded.
    /// </summary>
    public async Task ActiveChargingProfileChangedAsync(ReceivedRequest setBy, string sessionId, ActiveChargingProfile profile, CancellationToken ct)
    {
        var connection = await connections.FindAsync(setBy.ConnectionId, ct);
        var baseUrl = connection?.IsInternal == true
            ? urls.Of(ChargingProfilesModule.Sender)
            : connection is null ? null : PeerEndpoints.Find(connection, ModuleIds.ChargingProfiles, InterfaceRole.SENDER);
        if (baseUrl is null)
        {
            logger.LogInformation("{Sender} lists no chargingprofiles SENDER endpoint; the active profile of session {SessionId} is not sent", setBy.SenderKey, sessionId);
            return;
        }
        await db.InTransactionAsync(() => posts.AddAsync(setBy.HostedPartyId, setBy.ConnectionId, setBy.SenderKey, ModuleIds.ChargingProfiles, setBy.Id,
            HttpMethod.Put, PeerEndpoints.Below(baseUrl, sessionId), profile, setBy.CorrelationId, ct), ct);
    }

    private async Task<bool> ReportAsync(long requestId, object result, CancellationToken ct)
    {
        var reported = false;
        await db.InTransactionAsync(async () =>
        {
            var request = await received.FindAsync(requestId, ct) ?? throw new InvalidOperationException($"No received request {requestId}");
            if (!await received.ClaimResultAsync(requestId, OcpiJson.Serialize(result), ct)) return;
            await posts.ResultAsync(request, result, ct);
            reported = true;
        }, ct);
        if (!reported) logger.LogInformation("Outcome of request {ReceivedRequestId} was reported already; this one is ignored", requestId);
        return reported;
    }
}
