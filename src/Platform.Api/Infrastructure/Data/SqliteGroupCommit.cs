using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Platform.Api.Infrastructure.Telemetry;

namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// One writer per SQLite database that runs queued write requests one after the other inside a single
/// transaction and commits them together (DESIGN.md "Write rate"): SQLite takes one writer at a time and every
/// commit waits for a disk flush, so a transaction per request caps a burst at one flush per request. Each
/// request still gets its own outcome: its statements run inside its own savepoint, a request that throws is rolled
/// back to it alone, and a caller is answered only once the group's commit is on disk (<see cref="SqliteLogFlush"/>),
/// or with the commit's error.
/// </summary>
/// <remarks>
/// Only for requests whose handler touches nothing but its <see cref="DbSession"/> (the writer lends the session
/// its connection and transaction for the duration of the handler) and that do not commit themselves. The
/// writer takes the <see cref="SqliteWriteGate"/> for each group, so other transactions run between groups.
/// </remarks>
public sealed class SqliteGroupCommit : IAsyncDisposable
{
    // Requests that are already queued join the open group up to this many; past it, the group commits so that
    // the first ones are not kept waiting behind a long burst.
    private const int MaxGroup = 64;

    private const string Savepoint = "request";

    private readonly DbConnectionFactory _factory;
    private readonly SqliteWriteGate _gate;
    private readonly ILogger<SqliteGroupCommit> _logger;
    private readonly Telemetry.PlatformMetrics? _metrics;
    private readonly Objects.ObjectCache? _objects;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lazy<Task> _loop;
    private SqliteLogFlush? _flush;
    private long _commits;

    public SqliteGroupCommit(DbConnectionFactory factory, SqliteWriteGate gate, ILogger<SqliteGroupCommit> logger, Telemetry.PlatformMetrics? metrics = null,
        Objects.ObjectCache? objects = null)
    {
        (_factory, _gate, _logger, _metrics, _objects) = (factory, gate, logger, metrics, objects);
        _loop = new Lazy<Task>(StartWriter, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Groups committed so far (each holds one or more requests).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>A test's hook, run before each sync of the log (<see cref="SqliteLogFlush"/>): it may block, or throw as a failing disk would.</summary>
    internal Action<string>? BeforeLogSync { get; set; }

    /// <summary>A test's hook, run on the writer's thread after each group's commit: it may throw, as a fault nothing here expects would.</summary>
    internal Action? AfterGroup { get; set; }

    public bool Enabled => _factory.Options.Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// Runs <paramref name="work"/> in the next group with <paramref name="session"/> bound to the group's
    /// transaction; completes once the group committed. The session must not have a transaction of its own.
    /// </summary>
    public async ValueTask<T> RunAsync<T>(DbSession session, Func<CancellationToken, ValueTask<T>> work, CancellationToken ct)
    {
        var item = new Item<T>(session, work, ct);
        if (!_queue.Writer.TryWrite(item))
            throw new ObjectDisposedException(nameof(SqliteGroupCommit), "The platform is shutting down");
        _ = _loop.Value;
        // Not cancelled here on ct: the writer may be running the handler on this request's scope, which must
        // outlive it. The writer skips a cancelled request that has not started yet.
        return await item.Outcome.Task;
    }

    /// <summary>
    /// The writer runs on a thread of its own, not on the pool, where each wake-up was one more work item queued behind the
    /// requests' own and every queued request waited with it (alternated pairs of P1: +18 % PATCHes a second, a lower p99 and
    /// less CPU per request in each pair). Its work completes synchronously (SQLite does not wait for I/O, and the handlers
    /// it runs read the object cache or the database); whatever does not continues on the pool while this thread waits.
    /// </summary>
    private Task StartWriter()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Loop();
                stopped.SetResult();
            }
            catch (Exception e)
            {
                stopped.SetException(e);
            }
        }) { IsBackground = true, Name = "SQLite group commit" };
        // The requests' own contexts flow to their handlers (Item.RunAsync); the writer's thread carries none.
        using (ExecutionContext.SuppressFlow()) thread.Start();
        return stopped.Task;
    }

    private void Loop()
    {
        SqliteConnection? connection = null;
        var reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync(_stopping.Token).AsTask().GetAwaiter().GetResult())
            {
                try
                {
                    connection = RunGroupAsync(connection, reader).GetAwaiter().GetResult();
                }
                catch (Exception e) when (!_stopping.IsCancellationRequested)
                {
                    // A fault the group's own handling does not expect: were it to end this loop, every grouped request after it
                    // would wait for good, and nothing would say why.
                    _logger.LogCritical(e, "The grouped writer failed outside a group's own error handling; it goes on with a new connection");
                    DropFlush();
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
        }
        finally
        {
            DropFlush();
            connection?.Dispose();
            while (reader.TryRead(out var left))
                left.Fail(new ObjectDisposedException(nameof(SqliteGroupCommit), "The platform is shutting down"));
        }
    }

    /// <summary>One group: returns the connection to reuse, or null when it had to be dropped after a failure.</summary>
    private async Task<SqliteConnection?> RunGroupAsync(SqliteConnection? connection, ChannelReader<Item> reader)
    {
        var ran = new List<Item>(MaxGroup);
        Item? current = null;
        DbTransaction? group = null;
        // A group serves several requests, each in its own trace: the group's span is a root linked to each of them.
        Activity.Current = null;
        using var span = PlatformTracing.Source.StartActivity("group commit");
        await _gate.EnterAsync(_stopping.Token);
        try
        {
            if (connection is null)
            {
                connection = (SqliteConnection)await _factory.OpenAsync(_stopping.Token);
                _flush = SqliteLogFlush.For(connection, _factory.SqliteFile, _logger, () => BeforeLogSync, _metrics is { } metrics ? metrics.LogSynced : null);
            }
            // First with saves of the objects the group holds left to its commit; again without, when a request failed
            // after such a save (its savepoint cannot undo what only the deferred tree held).
            Queue<Item>? again = null;
            for (var defer = _objects is { Enabled: true }; ; defer = false)
            {
                try
                {
                    await using var transaction = connection.BeginTransaction(deferred: false);
                    group = transaction;
                    while (again is null ? ran.Count < MaxGroup && reader.TryRead(out current) : again.TryDequeue(out current))
                    {
                        if (current.Cancelled)
                        {
                            current.Fail(new OperationCanceledException(current.CancellationToken));
                            continue;
                        }
                        if (await RunOneAsync(current, connection, transaction, defer)) ran.Add(current);
                        current = null;
                    }
                    if (ran.Count > 0)
                    {
                        if (_objects is not null) await _objects.BeforeCommitAsync(transaction, CancellationToken.None);
                        await transaction.CommitAsync(CancellationToken.None);
                        // Under the write turn still, so the next transaction reads what this group stored.
                        _objects?.Committed(transaction);
                    }
                    break;
                }
                catch (DeferredSavesUndone)
                {
                    _objects?.RolledBack(group!);
                    again = new Queue<Item>([.. ran, current!, .. again ?? []]);
                    (ran, current) = (new List<Item>(MaxGroup), null);
                }
            }
        }
        catch (Exception e)
        {
            if (group is not null) _objects?.RolledBack(group);
            // The transaction is gone (disposing it rolled back): nothing of this group was stored.
            _logger.LogError(e, "A grouped commit of {Count} requests failed; each is answered with the error", ran.Count + (current is null ? 0 : 1));
            current?.Fail(e);
            foreach (var item in ran) item.Fail(e);
            // Failed before running anything (the database would not open): answer what waits rather than retry forever.
            if (current is null && ran.Count == 0)
                while (reader.TryRead(out var waiting)) waiting.Fail(e);
            DropFlush();
            if (connection is not null) await connection.DisposeAsync();
            return null;
        }
        finally
        {
            _gate.Exit();
        }
        try
        {
            if (ran.Count > 0)
            {
                Interlocked.Increment(ref _commits);
                _metrics?.GroupCommitted(ran.Count);
                foreach (var item in ran)
                    if (span is { IsAllDataRequested: true } && item.Trace != default) span.AddLink(new ActivityLink(item.Trace));
                span?.SetTag("platform.group_commit.size", ran.Count);
                AfterGroup?.Invoke();
            }
            // Answered once the commit is on disk: at once when the commit synced itself, else after the log's next flush,
            // while this loop already runs the next group.
            if (_flush is null) Answer(ran, null);
            else if (ran.Count > 0) _flush.AfterCommit(failure => Answer(ran, failure));
        }
        catch (Exception e)
        {
            // Committed, but not handed to the flush: each request hears so rather than waiting for an answer that never comes.
            Answer(ran, new IOException($"The change was committed, but the writer failed before it could confirm that it reached the disk ({e.Message})", e));
            throw;
        }
        return connection;
    }

    private void Answer(List<Item> ran, Exception? failure)
    {
        foreach (var item in ran)
        {
            _metrics?.GroupCommitWaited(Stopwatch.GetElapsedTime(item.EnqueuedAt));
            if (failure is null) item.Succeed(_logger);
            else item.Fail(failure);
        }
    }

    /// <summary>Before the writer's connection closes: what waits for a flush is flushed and answered.</summary>
    private void DropFlush()
    {
        _flush?.Dispose();
        _flush = null;
    }

    /// <summary>True when the request's changes are kept; a request that threw is rolled back to its savepoint and answered.</summary>
    /// <remarks>
    /// The savepoint is taken before the request's first statement, not before the request: a PATCH the object cache
    /// serves and whose save is left to the commit runs none, and two statements per request were a good part of the
    /// writer's time, which every queued request waits for. A request that ran no statement has nothing to roll back but
    /// saves left to the commit, which the group then runs again without.
    /// </remarks>
    private async Task<bool> RunOneAsync(Item item, SqliteConnection connection, DbTransaction transaction, bool defer)
    {
        var flushes = _objects?.Flushes(transaction) ?? 0;
        var savepoint = false;
        item.Session.Join(connection, transaction, defer, async () =>
        {
            await transaction.SaveAsync(Savepoint);
            savepoint = true;
        });
        Exception? failure = null;
        try
        {
            await item.RunAsync();
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            item.AfterCommit = item.Session.Leave();
        }
        if (failure is null)
        {
            if (savepoint) await transaction.ReleaseAsync(Savepoint);
            return true;
        }
        // Saves left to the commit live only in their trees, which this request may have changed before it failed; and
        // saves of earlier requests that this one's statements wrote are inside its savepoint, so rolling back would lose them.
        if (_objects is not null && (_objects.HasDeferred(transaction) || _objects.Flushes(transaction) != flushes)) throw new DeferredSavesUndone();
        // A failure here throws out of the group: the whole transaction is rolled back and every request answered.
        if (savepoint)
        {
            await transaction.RollbackAsync(Savepoint);
            _objects?.Spoil(transaction);
            await transaction.ReleaseAsync(Savepoint);
        }
        item.Fail(failure);
        return false;
    }

    /// <summary>The group runs again without deferred saves: the requests it ran, the failed one, and the rest.</summary>
    private sealed class DeferredSavesUndone : Exception;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop.IsValueCreated) await _loop.Value;
    }

    private abstract class Item(DbSession session, CancellationToken ct)
    {
        // The request's async-locals (log scopes, the HTTP context accessor, activity) for the handler's code.
        private readonly ExecutionContext? _context = ExecutionContext.Capture();

        public DbSession Session { get; } = session;

        public long EnqueuedAt { get; } = Stopwatch.GetTimestamp();

        /// <summary>The span of the request that handed its writes over, for the group's span to link to.</summary>
        public ActivityContext Trace { get; } = Activity.Current?.Context ?? default;

        public CancellationToken CancellationToken { get; } = ct;

        public bool Cancelled => CancellationToken.IsCancellationRequested;

        public IReadOnlyList<Action>? AfterCommit { get; set; }

        public Task RunAsync()
        {
            if (_context is null) return StartAsync();
            Task? started = null;
            ExecutionContext.Run(_context, _ => started = StartAsync(), null);
            return started!;
        }

        protected abstract Task StartAsync();

        public void Succeed(ILogger logger)
        {
            try
            {
                foreach (var action in AfterCommit ?? [])
                    action();
            }
            catch (Exception e)
            {
                logger.LogError(e, "An after-commit action of a grouped request failed; its changes are committed");
            }
            Complete();
        }

        protected abstract void Complete();

        public abstract void Fail(Exception e);
    }

    private sealed class Item<T>(DbSession session, Func<CancellationToken, ValueTask<T>> work, CancellationToken ct) : Item(session, ct)
    {
        private T? _result;

        // Asynchronous continuations: a request's code must never run on the writer's loop.
        public TaskCompletionSource<T> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task StartAsync() => _result = await work(CancellationToken);

        protected override void Complete() => Outcome.TrySetResult(_result!);

        public override void Fail(Exception e)
        {
            if (e is OperationCanceledException && Cancelled) Outcome.TrySetCanceled(CancellationToken);
            else Outcome.TrySetException(e);
        }
    }
}
