using Hangfire;
using Microsoft.Extensions.Options;
using Platform.Api.Infrastructure.Health;
using Platform.Api.Infrastructure.Outbox;

namespace Platform.Api.Infrastructure.Sending;

/// <summary>
/// One kind of durable work the pump feeds to Hangfire: the outbox dispatch, pushes, result posts, sent requests.
/// A pass sweeps what a stopped process left, leases what is due and enqueues one job per row (ids only).
/// </summary>
public interface ISendKind
{
    Task PassAsync(IBackgroundJobClient jobs, CancellationToken ct);
}

/// <summary>
/// The one pump (DESIGN.md "How an outbound update flows"): the durable tables, not Hangfire, record what must still
/// be sent; Hangfire only runs the jobs. Woken by <see cref="SendSignal"/> after a change commits, polling otherwise,
/// so work left by a stopped process (in-memory Hangfire forgets its queue) is picked up after a restart.
/// </summary>
public sealed class SendPump(IServiceScopeFactory scopes, IBackgroundJobClient jobs, JobStorage storage, SendSignal signal, SchemaState schema,
    IOptionsMonitor<DeliveryOptions> settings, ILogger<SendPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!schema.Migrated) await Task.Delay(200, stoppingToken);
        // In-memory Hangfire lost the jobs of the rows this process had leased before it stopped: without this they
        // would wait out the lease (two minutes) after a crash. Durable storage (SQL Server) still holds them.
        if (storage is Hangfire.InMemory.InMemoryStorage) await ReleaseLeasesAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await using (var scope = scopes.CreateAsyncScope())
                foreach (var kind in scope.ServiceProvider.GetServices<ISendKind>())
                {
                    try
                    {
                        await kind.PassAsync(jobs, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        logger.LogError(e, "Send pump pass of {SendKind} failed; retrying at the next pass", kind.GetType().Name);
                    }
                }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(settings.CurrentValue.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReleaseLeasesAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<SendQueue>();
        foreach (var table in QueueTable.All)
        {
            var released = await queue.ReleaseAllLeasesAsync(table, ct);
            if (released > 0) logger.LogInformation("{SendQueue}: {Released} rows leased before this process started are due again", table.Name, released);
        }
    }
}

/// <summary>Wakes the pump when something was committed that should leave now.</summary>
public sealed class SendSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        if (_wake.CurrentCount == 0)
            try { _wake.Release(); } catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
