using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Api.Infrastructure.Health;

namespace Platform.Api.Infrastructure.Telemetry;

/// <summary>
/// Every instrument of the platform's meter (<c>Platform</c>), in one place. Tags are ids and OCPI words (connection
/// id, module, role, party key, status code, outcome), never a token. Recording with a <see cref="TagList"/> of up to
/// eight tags allocates nothing, so this costs next to nothing when no exporter reads it.
/// </summary>
public sealed class PlatformMetrics : IDisposable
{
    public const string MeterName = "Platform";

    // Seconds, from a fast local answer to a peer near its timeout.
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    };

    // Seconds at the disk's scale, from a sync on a fast disk (tens of µs) to one stalled behind other I/O.
    private static readonly InstrumentAdvice<double> DiskSeconds = new()
    {
        HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 1],
    };

    private static readonly InstrumentAdvice<long> GroupSizes = new() { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] };

    private readonly Meter _meter;
    private readonly Counter<long> _inbound;
    private readonly Histogram<double> _inboundDuration;
    private readonly Counter<long> _peerCalls;
    private readonly Histogram<double> _peerCallDuration;
    private readonly Counter<long> _pushes;
    private readonly Histogram<double> _pushLatency;
    private readonly Counter<long> _resyncObjects;
    private readonly Counter<long> _resyncRuns;
    private readonly Counter<long> _sentRequests;
    private readonly Histogram<long> _groupCommitSize;
    private readonly Histogram<double> _groupCommitWait;
    private readonly Histogram<double> _logSync;

    public PlatformMetrics(IMeterFactory meters, HealthGauges gauges)
    {
        _meter = meters.Create(MeterName);
        _inbound = _meter.CreateCounter<long>("platform.ocpi.requests", "{request}", "Inbound OCPI calls by module, interface role, hosted party and OCPI status code");
        _inboundDuration = _meter.CreateHistogram("platform.ocpi.request.duration", "s", "Time to answer an inbound OCPI call", advice: Seconds);
        _peerCalls = _meter.CreateCounter<long>("platform.peer.calls", "{call}", "Calls to peers by connection, module and outcome (answered or failed)");
        _peerCallDuration = _meter.CreateHistogram("platform.peer.call.duration", "s", "Time a peer took to answer a call", advice: Seconds);
        _pushes = _meter.CreateCounter<long>("platform.pushes", "{push}", "Push attempts by connection, module and outcome (delivered, retry, failed)");
        _pushLatency = _meter.CreateHistogram<double>("platform.push.latency", "s",
            "From the change that made a delivery to the peer's acknowledgement (a folded delivery counts from its first change)", advice: Seconds);
        _resyncObjects = _meter.CreateCounter<long>("platform.resync.objects", "{object}", "Objects pulled from peers by resync, by connection and module");
        _resyncRuns = _meter.CreateCounter<long>("platform.resync.runs", "{pull}",
            "Pulls of one module from one owner by resync, by connection, module and outcome (complete or stopped)");
        _sentRequests = _meter.CreateCounter<long>("platform.commands", "{request}",
            "Commands and charging-profile requests hosted eMSPs sent, by module, type and the state each reached (accepted, rejected, result_received, timed_out, failed)");
        _groupCommitSize = _meter.CreateHistogram("platform.group_commit.size", "{request}", "Requests committed together by one SQLite group commit", advice: GroupSizes);
        _groupCommitWait = _meter.CreateHistogram("platform.group_commit.wait", "s",
            "From a request handing its writes to the SQLite group commit until they were committed and synced to disk (when it is answered)",
            advice: DiskSeconds);
        _logSync = _meter.CreateHistogram("platform.db.log_sync.duration", "s",
            "How long each sync of the SQLite log to disk took; a group commit's requests are answered after the sync that follows their commit",
            advice: DiskSeconds);
        _meter.CreateObservableGauge("platform.deliveries.pending", () => gauges.Read(h => h.Pending), "{delivery}",
            "Deliveries waiting or being sent, per connection");
        _meter.CreateObservableGauge("platform.deliveries.failed", () => gauges.Read(h => h.Failed), "{delivery}",
            "Deliveries given up (and CDR deliveries flagged), per connection");
        _meter.CreateObservableGauge("platform.deliveries.oldest_pending", () => gauges.Read(h => h.OldestPendingSeconds), "s",
            "Age of the oldest pending delivery, per connection");
        _meter.CreateObservableGauge("platform.connection.health", () => gauges.Read(h => h.Status switch
        {
            ConnectionHealth.Ok => 0L,
            ConnectionHealth.Degraded => 1L,
            _ => 2L,
        }), "{status}", "Connection health per connection: 0 ok, 1 degraded, 2 down (README: Connection health)");
    }

    public void InboundRequest(string? module, string? role, string? hostedParty, int ocpiStatus, int httpStatus, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "module", module ?? "none" }, { "interface_role", role ?? "none" }, { "hosted_party", hostedParty ?? "none" },
            { "status_code", ocpiStatus }, { "http_status", httpStatus },
        };
        _inbound.Add(1, tags);
        _inboundDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void PeerCall(string connectionId, string module, bool answered, TimeSpan elapsed)
    {
        var tags = new TagList { { "connection", connectionId }, { "module", module }, { "outcome", answered ? "answered" : "failed" } };
        _peerCalls.Add(1, tags);
        _peerCallDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void Push(string connectionId, string module, string outcome) =>
        _pushes.Add(1, new TagList { { "connection", connectionId }, { "module", module }, { "outcome", outcome } });

    public void PushAcknowledged(string connectionId, string module, TimeSpan sinceChange) =>
        _pushLatency.Record(Math.Max(0, sinceChange.TotalSeconds), new TagList { { "connection", connectionId }, { "module", module } });

    public void ResyncPulled(string connectionId, string module, int objects, bool complete)
    {
        var tags = new TagList { { "connection", connectionId }, { "module", module } };
        _resyncObjects.Add(objects, tags);
        tags.Add("outcome", complete ? "complete" : "stopped");
        _resyncRuns.Add(1, tags);
    }

    public void SentRequest(string module, string type, string state) =>
        _sentRequests.Add(1, new TagList { { "module", module }, { "type", type }, { "state", state } });

    public void GroupCommitted(int requests) => _groupCommitSize.Record(requests);

    public void GroupCommitWaited(TimeSpan wait) => _groupCommitWait.Record(wait.TotalSeconds);

    public void LogSynced(TimeSpan took) => _logSync.Record(took.TotalSeconds);

    public void Dispose() => _meter.Dispose();
}

/// <summary>
/// The per-connection gauges read the connection health (tables) when a scrape asks, at most every few seconds,
/// so a busy Prometheus never turns into a query per gauge.
/// </summary>
public sealed class HealthGauges(IServiceScopeFactory scopes, SchemaState schema, TimeProvider clock, ILogger<HealthGauges> logger)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private (DateTimeOffset At, IReadOnlyDictionary<string, ConnectionHealth> Health)? _last;

    public IEnumerable<Measurement<long>> Read(Func<ConnectionHealth, long> value) =>
        Snapshot().Select(h => new Measurement<long>(value(h.Value), new KeyValuePair<string, object?>("connection", h.Key)));

    private IReadOnlyDictionary<string, ConnectionHealth> Snapshot()
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (_last is { } last && now - last.At < MaxAge) return last.Health;
            if (!schema.Migrated) return new Dictionary<string, ConnectionHealth>();
            try
            {
                // Observable instruments are read synchronously by the exporter; the store is async.
                var health = Task.Run(async () =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    return await scope.ServiceProvider.GetRequiredService<ConnectionHealthStore>().AllAsync(CancellationToken.None);
                }).GetAwaiter().GetResult();
                _last = (now, health);
                return health;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Reading connection health for the metrics failed");
                return _last?.Health ?? new Dictionary<string, ConnectionHealth>();
            }
        }
    }
}
