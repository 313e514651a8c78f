
namespace Platform.Api.Infrastructure.Outbox;

/// <summary>
/// Turns committed outbox rows into deliveries, one per target party and object, folding each into a pending
/// delivery of the same object when there is one. Safe to run twice or on two nodes: each row is claimed first.
/// </summary>
public sealed class OutboxDispatchJob(DbSession db, DeliveryStore deliveries, Routing routing, OcpiObjectStore objects, IEnumerable<IPushModule> modules,
    Platform.Api.Infrastructure.Sending.SendSignal signal, DispatchGate gate, ILogger<OutboxDispatchJob> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        gate.Open();
        var byModule = modules.ToDictionary(m => m.Module);
        var entries = await deliveries.UndispatchedAsync(ct);
        var made = 0;
        foreach (var entry in entries)
        {
            await db.BeginAsync(ct);
            if (!await deliveries.ClaimOutboxEntryAsync(entry.Id, ct))
            {
                await db.RollbackAsync();
                continue;
            }
            using var span = Telemetry.PlatformTracing.StartJob("dispatch", entry.TraceParent);
            span?.SetTag(Telemetry.SpanTags.Module, entry.Module).SetTag(Telemetry.SpanTags.ObjectKey, entry.ObjectKey);
            if (byModule.TryGetValue(entry.Module, out var module))
            {
                // Sessions and CDRs go only to their token's eMSP: targets the object is not for get no delivery at all.
                var current = (await objects.FindByIdAsync(new ObjectScope(entry.Module, entry.HostedPartyId, ObjectSide.Own), entry.ObjectKey, ct))
                    .FirstOrDefault();
                foreach (var target in await routing.TargetsAsync(entry.HostedPartyId, module.Module, module.TargetRoles, module.Broadcastable, ct))
                {
                    if (!await PushAudience.MayHearAsync(module, entry.HostedPartyId, current, entry.Operation, entry.Detail, target.TargetKey, ct)) continue;
                    await deliveries.AddOrFoldAsync(entry, target, ct);
                    made++;
                }
            }
            else
                logger.LogError("Outbox entry {OutboxId} names module {Module}, which has no push module; it is not delivered", entry.Id, entry.Module);
            await db.CommitAsync(ct);
        }
        if (entries.Count > 0)
        {
            logger.LogInformation("Dispatched {Entries} outbox entries into {Deliveries} deliveries", entries.Count, made);
            signal.Notify();
        }
    }
}
