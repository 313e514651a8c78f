using Hangfire;
using Platform.Api.Infrastructure.Sending;

namespace Platform.Api.Infrastructure.Callbacks;

/// <summary>The result posts' pass, as <see cref="Outbox.DeliverySends"/> does for pushes.</summary>
public sealed class ResultPostSends(ResultPostStore posts, SendQueue queue) : ISendKind
{
    public async Task PassAsync(IBackgroundJobClient jobs, CancellationToken ct)
    {
        foreach (var id in await queue.SweepAndLeaseAsync(QueueTable.ResultPosts, posts.RescheduleAsync, ct))
            jobs.Enqueue<PostResultJob>(job => job.RunAsync(id, CancellationToken.None));
    }
}

/// <summary>
/// The sent requests' pass: a request a stopped process never sent gets its job again, and timeouts whose scheduled
/// job an in-memory Hangfire forgot across a restart are applied (M7).
/// </summary>
public sealed class SentRequestSends(SentRequestStore requests, TimeProvider clock, ILogger<SentRequestSends> logger) : ISendKind
{
    // The handler enqueues a new request itself; only one left unsent this long lost its job.
    private static readonly TimeSpan Unsent = TimeSpan.FromSeconds(30);

    public async Task PassAsync(IBackgroundJobClient jobs, CancellationToken ct)
    {
        foreach (var id in await requests.UndispatchedAsync(clock.GetUtcNow().UtcDateTime - Unsent, ct))
            jobs.Enqueue<SendRequestJob>(job => job.RunAsync(id, CancellationToken.None));
        var timedOut = await requests.TimeOutDueAsync(ct);
        if (timedOut > 0) logger.LogInformation("{Count} sent requests timed out without a result", timedOut);
    }
}
