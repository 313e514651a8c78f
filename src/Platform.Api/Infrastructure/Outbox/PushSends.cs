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

/// <summary>The pushes' pass: sends a stopped process left are due again, and each due delivery is handed to the <see cref="PushRunner"/>.</summary>
public sealed class DeliverySends(DeliveryStore store, SendQueue queue, PushRunner runner) : ISendKind
{
    public async Task PassAsync(IBackgroundJobClient jobs, CancellationToken ct)
    {
        foreach (var id in await queue.SweepAndLeaseAsync(QueueTable.Deliveries, (id, error, at, c) => store.RescheduleAsync(id, error, at, c), ct))
            runner.Start(id);
    }
}

/// <summary>At most one dispatcher job queued per process; the job reopens the gate when it starts.</summary>
public sealed class DispatchGate
{
    private int _queued;

    public bool TryQueue() => Interlocked.CompareExchange(ref _queued, 1, 0) == 0;

    public void Open() => Interlocked.Exchange(ref _queued, 0);
}
