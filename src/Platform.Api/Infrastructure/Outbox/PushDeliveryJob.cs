using Platform.Api.Infrastructure.Logging;
using Platform.Api.Infrastructure.Telemetry;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Infrastructure.Problems;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Outbox;

/// <summary>
/// Sends one delivery: loads the object's current state (never a queued copy) and PUTs or PATCHes it to the
/// target, or applies it to a hosted party over an internal connection. Takes the delivery id only and is safe
/// to run twice: the delivery is claimed first, and only one send per (target, object) runs at a time.
/// Run by the <see cref="PushRunner"/>; retries are ours (backoff, then <c>failed</c>).
/// </summary>
public sealed class PushDeliveryJob(DbSession db, DeliveryStore deliveries, ConnectionStore connections, PartyStore parties,
    OcpiObjectStore objects, IEnumerable<IPushModule> modules, PeerCalls peers, RequestCorrelation correlation,
    DeliveryOptions options, ConnectionProblems problems, PlatformMetrics metrics, TimeProvider clock, ILogger<PushDeliveryJob> logger)
{
    // Longer than the peer client's total timeout (40 s): a send still running holds the lease; a process that
    // died mid-send loses it within a minute and the pump sends again.
    private static readonly TimeSpan SendLease = TimeSpan.FromSeconds(60);

    public async Task RunAsync(long deliveryId, CancellationToken ct)
    {
        var delivery = await deliveries.FindAsync(deliveryId, ct);
        if (delivery is null || delivery.State != DeliveryStates.Pending) return;
        var connection = await connections.FindAsync(delivery.ConnectionId, ct);
        if (connection is null || connection.State == ConnectionStates.Unregistered)
        {
            await deliveries.CancelledAsync(deliveryId, "the connection is unregistered", ct);
            return;
        }
        if (connection.State != ConnectionStates.Registered)
        {
            // Suspended (or not yet registered): the delivery waits, without spending an attempt.
            await db.InTransactionAsync(() => deliveries.RescheduleAsync(deliveryId, $"waiting: connection is {connection.State}",
                Now + TimeSpan.FromSeconds(options.MaxBackoffSeconds), ct), ct);
            return;
        }
        if (!await deliveries.ClaimAsync(deliveryId, SendLease, ct))
        {
            await deliveries.ReleaseLeaseAsync(deliveryId, ct);
            return;
        }
        delivery = (await deliveries.FindAsync(deliveryId, ct))!;
        correlation.CorrelationId = delivery.CorrelationId ?? correlation.CorrelationId;
        using var span = PlatformTracing.StartJob("push", delivery.TraceParent);
        span?.SetTag(SpanTags.Connection, delivery.ConnectionId).SetTag(SpanTags.Module, delivery.Module)
            .SetTag(SpanTags.PeerParty, delivery.TargetKey).SetTag(SpanTags.ObjectKey, delivery.ObjectKey)
            .SetTag(SpanTags.DeliveryId, delivery.Id).SetTag(SpanTags.CorrelationId, delivery.CorrelationId);

        var module = modules.Single(m => m.Module == delivery.Module);
        var ownerParty = await parties.FindByIdAsync(delivery.HostedPartyId, ct);
        if (ownerParty is null)
        {
            await deliveries.CancelledAsync(deliveryId, "the sending party no longer exists", ct);
            return;
        }
        var owner = new PartyRef(ownerParty.CountryCode, ownerParty.PartyId);
        var current = await objects.FindAsync(new ObjectScope(delivery.Module, delivery.HostedPartyId, ObjectSide.Own), owner.Key, delivery.ObjectKey, ct);
        if (!await PushAudience.MayHearAsync(module, delivery.HostedPartyId, current, delivery.Operation, delivery.Detail, delivery.TargetKey, ct))
        {
            await deliveries.CancelledAsync(deliveryId, $"{delivery.TargetKey} may not see this object now", ct);
            return;
        }

        try
        {
            if (connection.IsInternal)
                await DeliverInternallyAsync(module, delivery, owner, current, ct);
            else
                await DeliverOverHttpAsync(module, connection, delivery, owner, current, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is stopping: hand the delivery back now rather than after the lease runs out.
            await db.RollbackAsync();
            await deliveries.RescheduleAsync(deliveryId, "interrupted by shutdown", Now, CancellationToken.None);
            throw;
        }
        catch (Modules.Versions.WireUnsupportedException e)
        {
            // The peer's OCPI version cannot express this object: not sent, and the operator told why (issue: versions).
            await db.RollbackAsync();
            await problems.RecordAsync(connection.Id, ProblemDirections.Outbound, delivery.Module, delivery.ObjectKey, e.Message,
                $"not sent to {delivery.TargetKey} in OCPI {connection.Version}", ct);
            await deliveries.CancelledAsync(deliveryId, $"not sent in OCPI {connection.Version}: {e.Message}", ct);
        }
        catch (Exception e)
        {
            await db.RollbackAsync();
            await RetryLaterAsync(delivery, e is PeerUnreachableException ? e.Message : $"{e.GetType().Name}: {e.Message}", ct);
        }
    }

    private async Task DeliverInternallyAsync(IPushModule module, Delivery delivery, PartyRef owner, StoredObject? current, CancellationToken ct)
    {
        PartyKey.TryParse(delivery.TargetKey, out var cc, out var pid);
        var target = await parties.FindAsync(cc, pid, ct) ?? throw new InvalidOperationException($"hosted party {delivery.TargetKey} is gone");
        await db.BeginAsync(ct);
        await module.ApplyInternallyAsync(delivery, owner, current, target.Id, ct);
        await deliveries.DeliveredAsync(delivery.Id, ct);
        await db.CommitAsync(ct);
        Acknowledged(delivery);
        logger.LogInformation("Delivery {DeliveryId}: {Module} {ObjectKey} applied internally for {TargetParty}", delivery.Id, delivery.Module, delivery.ObjectKey, delivery.TargetKey);
    }

    private async Task DeliverOverHttpAsync(IPushModule module, Connection connection, Delivery delivery, PartyRef owner, StoredObject? current,
        CancellationToken ct)
    {
        var baseUrl = PeerEndpoints.Find(connection, delivery.Module, InterfaceRole.RECEIVER);
        if (baseUrl is null || connection.OutboundToken is null)
        {
            await deliveries.FailedAsync(delivery.Id, $"the peer lists no {delivery.Module} RECEIVER endpoint", ct);
            return;
        }
        if (delivery.Operation == PushOperation.PatchStatus)
            Modules.Versions.WireEdge.RequireEvseExpressible(connection.Version, current?.Document, delivery.Detail);
        var call = module.BuildCall(delivery, owner, current);
        if (call is null)
        {
            await deliveries.CancelledAsync(delivery.Id, "nothing to send: the object no longer exists", ct);
            return;
        }
        PartyKey.TryParse(delivery.TargetKey, out var targetCc, out var targetPid);
        var url = PeerEndpoints.Below(baseUrl, call.Segments) + call.Query;
        var answer = await peers.SendAsync<object>(connection, call.Method, url, call.Body, owner, new PartyRef(targetCc, targetPid), ct);
        // A DELETE or withdrawal answered 404 finds the target as it wants it: without the object (it may never have had
        // it). Only the peer's OCPI side can say so: a bare 404 (a wrong URL, a proxy) is a failure like any other.
        if (answer.IsSuccess || (call.AbsentIsDone && answer.HttpStatus == 404 && answer.HasEnvelope))
        {
            // A CDR receiver answers where it keeps the CDR (2.2.1 mod_cdrs): kept for operators and later GETs.
            await deliveries.DeliveredAsync(delivery.Id, ct, answer.Headers?.Location?.ToString());
            Acknowledged(delivery);
            logger.LogInformation("Delivery {DeliveryId}: {Method} {Module} {ObjectKey} to {TargetParty} accepted", delivery.Id, call.Method, delivery.Module, delivery.ObjectKey, delivery.TargetKey);
            return;
        }
        // A PATCH the receiver cannot apply (it lacks the object): send the whole object instead (2.2.1 §PATCH advice).
        var retryAsPut = delivery.Operation == PushOperation.PatchStatus && answer.HttpStatus is 404 or (>= 200 and < 300);
        await problems.RecordAsync(connection.Id, ProblemDirections.Outbound, delivery.Module, delivery.ObjectKey, answer.Describe(),
            $"{call.Method} {url} refused by {delivery.TargetKey}", ct);
        await RetryLaterAsync(delivery, $"{call.Method} {url} answered {answer.Describe()}", ct, retryAsPut ? PushOperation.Put : null);
    }

    private async Task RetryLaterAsync(Delivery delivery, string error, CancellationToken ct, string? operation = null)
    {
        // CDRs are money: they are never given up on, only flagged for an operator once past MaxAttempts.
        if (delivery.Attempts >= options.MaxAttempts && delivery.Module != ModuleIds.Cdrs)
        {
            await db.InTransactionAsync(async () =>
            {
                await deliveries.RescheduleAsync(delivery.Id, error, Now, ct);
                var after = await deliveries.FindAsync(delivery.Id, ct);
                if (after?.State == DeliveryStates.Pending) await deliveries.FailedAsync(delivery.Id, $"gave up after {delivery.Attempts} attempts: {error}", ct);
            }, ct);
            metrics.Push(delivery.ConnectionId, delivery.Module, "failed");
            logger.LogWarning("Delivery {DeliveryId} to {TargetParty} failed after {Attempts} attempts: {Error}", delivery.Id, delivery.TargetKey, delivery.Attempts, error);
            return;
        }
        var wait = operation is null ? options.Backoff(delivery.Attempts) : TimeSpan.Zero;
        await db.InTransactionAsync(() => deliveries.RescheduleAsync(delivery.Id, error, Now + wait, ct, operation), ct);
        metrics.Push(delivery.ConnectionId, delivery.Module, "retry");
        logger.LogInformation("Delivery {DeliveryId} to {TargetParty} attempt {Attempts} failed ({Error}); next in {Wait}", delivery.Id, delivery.TargetKey, delivery.Attempts, error, wait);
    }


    private void Acknowledged(Delivery delivery)
    {
        metrics.Push(delivery.ConnectionId, delivery.Module, "delivered");
        metrics.PushAcknowledged(delivery.ConnectionId, delivery.Module, Now - delivery.CreatedAt);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
