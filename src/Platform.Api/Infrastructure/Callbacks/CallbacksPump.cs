using Hangfire;
using Platform.Api.Infrastructure.Health;
using Platform.Api.Infrastructure.Outbox;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>
/// Feeds Hangfire from the durable tables of the response_url exchanges, as <see cref="DeliveryPump"/> does for
/// pushes: one job per due result post; requests a stopped process never sent; and timeouts whose scheduled job
/// an in-memory Hangfire forgot across a restart (M7). Woken by <see cref="CallbacksSignal"/>, polling otherwise.
/// </summary>
public sealed class CallbacksPump(IServiceScopeFactory scopes, IBackgroundJobClient jobs, CallbacksSignal signal, SchemaState schema,
    Microsoft.Extensions.Options.IOptionsMonitor<DeliveryOptions> settings, TimeProvider clock, ILogger<CallbacksPump> logger) : BackgroundService
{
    private static readonly TimeSpan EnqueueLease = TimeSpan.FromMinutes(2);

    // The handler enqueues a new request itself; only one left unsent this long lost its job.
    private static readonly TimeSpan Unsent = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!schema.Migrated) await Task.Delay(200, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PumpOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Callbacks pump pass failed; retrying at the next pass");
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

    private async Task PumpOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var posts = scope.ServiceProvider.GetRequiredService<ResultPostStore>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in await posts.ExpiredSendingAsync(ct))
        {
            logger.LogWarning("Result post {ResultPostId} was being sent by a process that stopped; sending it again", id);
            await posts.RescheduleAsync(id, "the sending process stopped before an answer", now, ct);
        }
        foreach (var id in await posts.LeaseDueAsync(EnqueueLease, 200, ct))
            jobs.Enqueue<PostResultJob>(job => job.RunAsync(id, CancellationToken.None));

        var requests = scope.ServiceProvider.GetRequiredService<SentRequestStore>();
        foreach (var id in await requests.UndispatchedAsync(now - Unsent, ct))
            jobs.Enqueue<SendRequestJob>(job => job.RunAsync(id, CancellationToken.None));
        var timedOut = await requests.TimeOutDueAsync(ct);
        if (timedOut > 0) logger.LogInformation("{Count} sent requests timed out without a result", timedOut);
    }
}
