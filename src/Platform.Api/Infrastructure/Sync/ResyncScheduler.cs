using Hangfire;

namespace Platform.Api.Infrastructure.Sync;

/// <summary>Queues pull resyncs: after registration, on an operator's request, at start-up and on a schedule.</summary>
public sealed class ResyncScheduler(IBackgroundJobClient jobs)
{
    public string Enqueue(string connectionId, bool full = false) =>
        jobs.Enqueue<ResyncJob>(job => job.RunAsync(connectionId, full, CancellationToken.None));
}
