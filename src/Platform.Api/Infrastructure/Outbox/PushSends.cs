using Hangfire;
using Platform.Api.Infrastructure.Sending;

namespace Platform.Api.Infrastructure.Outbox;

/// <summary>The outbox's pass: one dispatcher job while outbox rows wait (at most one queued per process).</summary>
public sealed class OutboxDispatchSends(DeliveryStore store, DispatchGate gate) : ISendKind
{
    public async Task PassAsync(IBackgroundJobClient jobs, CancellationToken ct)
    {
        if (await store.AnyUndispatchedAsync(ct) && gate.TryQueue())
            jobs.Enqueue<OutboxDispatchJob>(job => job.RunAsync(CancellationToken.None));
    }
}

/// <summary>The pushes' pass: sends a stopped process left are due again, and one push job per due delivery.</summary>
public sealed class DeliverySends(DeliveryStore store, SendQueue queue, TimeProvider clock, ILogger<DeliverySends> logger) : ISendKind
{
    // Longer than a job takes to start: a leased delivery whose job was lost (in-memory Hangfire, restart) is due again then.
    private static readonly TimeSpan EnqueueLease = TimeSpan.FromMinutes(2);

    public async Task PassAsync(IBackgroundJobClient jobs, CancellationToken ct)
    {
        foreach (var id in await queue.ExpiredSendingAsync(QueueTable.Deliveries, ct))
        {
            logger.LogWarning("Delivery {DeliveryId} was being sent by a process that stopped; sending it again", id);
            await store.RescheduleAsync(id, "the sending process stopped before an answer", clock.GetUtcNow().UtcDateTime, ct);
        }
        foreach (var id in await queue.LeaseDueAsync(QueueTable.Deliveries, EnqueueLease, 200, ct))
            jobs.Enqueue<PushDeliveryJob>(job => job.RunAsync(id, CancellationToken.None));
    }
}

/// <summary>At most one dispatcher job queued per process; the job reopens the gate when it starts.</summary>
public sealed class DispatchGate
{
    private int _queued;

    public bool TryQueue() => Interlocked.CompareExchange(ref _queued, 1, 0) == 0;

    public void Open() => Interlocked.Exchange(ref _queued, 0);
}
