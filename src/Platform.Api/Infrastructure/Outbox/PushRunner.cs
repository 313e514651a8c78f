using Microsoft.Extensions.Options;

namespace Platform.Api.Infrastructure.Outbox;

/// <summary>
/// Runs pushes in this process, up to <see cref="DeliveryOptions.Concurrency"/> at once, each in a scope of its own.
/// A push is a short wait on a peer: run as a Hangfire job it held a worker thread blocked for the whole call (a
/// fan-out to 50 peers queued behind four workers, and the waiting threads spun on two cores). What must still be
/// sent is in the deliveries table either way, leased by the pump: a push lost with its process is sent again once
/// its lease runs out (at once after a restart on in-memory Hangfire, see <see cref="Sending.SendPump"/>).
/// </summary>
public sealed class PushRunner(IServiceScopeFactory scopes, IOptionsMonitor<DeliveryOptions> options, ILogger<PushRunner> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];
    private readonly SemaphoreSlim _slots = new(options.CurrentValue.Concurrency);

    /// <summary>Sends the leased delivery as soon as a slot is free; returns at once.</summary>
    public void Start(long deliveryId)
    {
        if (_stopping.IsCancellationRequested) return;
        var push = RunAsync(deliveryId);
        lock (_lock)
        {
            if (!push.IsCompleted) _running.Add(push);
        }
        _ = push.ContinueWith(done =>
        {
            lock (_lock) _running.Remove(done);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunAsync(long deliveryId)
    {
        // Off the pump's own loop: the pump goes on leasing while pushes wait for a slot.
        await Task.Yield();
        try
        {
            await _slots.WaitAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PushDeliveryJob>().RunAsync(deliveryId, _stopping.Token);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: the push handed its delivery back (PushDeliveryJob), or its lease will.
        }
        catch (Exception e)
        {
            // The push records its own outcomes; what escapes it (the database gone) leaves the delivery to its lease.
            logger.LogError(e, "Push of delivery {DeliveryId} failed; the delivery is sent again when its lease runs out", deliveryId);
        }
        finally
        {
            _slots.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Cancels what is in flight (each push hands its delivery back) and waits for the pushes to end.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock) running = [.. _running];
        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>
    /// Cancels what is in flight, like <see cref="StopAsync"/> without the wait. The token source and the semaphore
    /// are left to the collector (neither holds a timer or a wait handle here): a host can dispose its services
    /// before it stops them (seen with WebApplicationFactory), and a push still running then must still release.
    /// </summary>
    public async ValueTask DisposeAsync() => await _stopping.CancelAsync();
}
