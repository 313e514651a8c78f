using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Infrastructure.Data;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Stores;

/// <summary>
/// The grouped writer on a real SQLite file: requests queued together share one commit, and each still gets its
/// own outcome (a request that fails is rolled back alone).
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"), "group.db");
    private ServiceProvider _services = null!;

    private SqliteGroupCommit Group => _services.GetRequiredService<SqliteGroupCommit>();

    public async ValueTask InitializeAsync()
    {
        UtcDateTimeHandler.Register();
        _services = StoreServices.Build(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_file}"));
        await _services.GetRequiredService<Migrator>().ApplyAsync();
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Queued_requests_share_one_commit_and_a_failing_one_is_rolled_back_alone()
    {
        var gate = _services.GetRequiredService<SqliteWriteGate>();
        var committed = new List<string>();
        // Holding the write turn keeps the writer from starting, so all ten are queued when it does.
        await gate.EnterAsync(TestContext.Current.CancellationToken);
        var requests = Enumerable.Range(0, 10).Select(i => Grouped(async (db, ct) =>
        {
            var id = $"c{i}";
            await InsertConnectionAsync(db, id, ct);
            db.AfterCommit(() => { lock (committed) committed.Add(id); });
            if (i % 3 == 0) throw new InvalidOperationException($"request {i} fails after writing");
            return id;
        }, TestContext.Current.CancellationToken)).ToList();
        // Each request enqueues synchronously before its first await, so all ten wait behind the held gate.
        Assert.All(requests, r => Assert.False(r.IsCompleted));
        gate.Exit();

        foreach (var (request, i) in requests.Select((r, i) => (r, i)))
        {
            if (i % 3 == 0) await Assert.ThrowsAsync<InvalidOperationException>(() => request);
            else Assert.Equal($"c{i}", await request);
        }
        Assert.Equal(1, Group.Commits);
        var stored = await InScope(async db => (await (await db.ConnectionAsync()).QueryAsync<string>("SELECT id FROM connections ORDER BY id")).ToList());
        string[] kept = ["c1", "c2", "c4", "c5", "c7", "c8"];
        Assert.Equal(kept, stored);
        Assert.Equal(kept, committed.Order());
    }

    [Fact]
    public async Task A_request_that_fails_before_any_statement_leaves_the_group_whole()
    {
        var ct = TestContext.Current.CancellationToken;
        var gate = _services.GetRequiredService<SqliteWriteGate>();
        await gate.EnterAsync(ct);
        var first = Grouped(async (db, c) => { await InsertConnectionAsync(db, "first", c); return 1; }, ct);
        var failing = Grouped<int>((_, _) => throw new InvalidOperationException("refused before touching the database"), ct);
        // Its first statement comes after the failed one: it must not land inside anything the failure undid.
        var last = Grouped(async (db, c) => { await InsertConnectionAsync(db, "last", c); return 2; }, ct);
        gate.Exit();

        Assert.Equal(1, await first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(2, await last);
        Assert.Equal(1, Group.Commits);
        Assert.Equal(2, await CountConnectionsAsync());
    }

    [Fact]
    public async Task A_request_may_not_commit_the_group_itself()
    {
        var request = Grouped(async (db, ct) =>
        {
            await InsertConnectionAsync(db, "own-commit", ct);
            await db.CommitAsync(ct);
            return 0;
        }, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<InvalidOperationException>(() => request);
        // The session is usable afterwards, on its own connection and transaction.
        await InScope(async db =>
        {
            await db.BeginAsync();
            await InsertConnectionAsync(db, "later", default);
            await db.CommitAsync();
            return 0;
        });
        var stored = await InScope(async db => (await (await db.ConnectionAsync()).QueryAsync<string>("SELECT id FROM connections")).ToList());
        Assert.Equal(["later"], stored);
    }

    [Fact]
    public async Task A_request_cancelled_while_queued_never_runs()
    {
        var gate = _services.GetRequiredService<SqliteWriteGate>();
        using var cancel = new CancellationTokenSource();
        var ran = false;
        await gate.EnterAsync(TestContext.Current.CancellationToken);
        var request = Grouped((_, _) => { ran = true; return Task.FromResult(0); }, cancel.Token);
        await cancel.CancelAsync();
        gate.Exit();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        Assert.False(ran);
    }

    [Fact]
    public async Task A_plain_transaction_waits_for_the_group_and_then_sees_its_rows()
    {
        var gate = _services.GetRequiredService<SqliteWriteGate>();
        await gate.EnterAsync(TestContext.Current.CancellationToken);
        var grouped = Grouped(async (db, ct) => { await InsertConnectionAsync(db, "grouped", ct); return 0; }, TestContext.Current.CancellationToken);
        gate.Exit();
        var count = await InScope(async db =>
        {
            await grouped;
            await db.BeginAsync();
            var n = await (await db.ConnectionAsync()).ExecuteScalarAsync<int>(
                new CommandDefinition("SELECT COUNT(*) FROM connections", transaction: db.Transaction));
            await db.CommitAsync();
            return n;
        });
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_committed_group_is_answered_only_once_its_log_is_flushed_to_disk()
    {
        var ct = TestContext.Current.CancellationToken;
        using var disk = new ManualResetEventSlim();
        string? flushed = null;
        Group.BeforeLogSync = file =>
        {
            flushed = file;
            disk.Wait(ct);
        };
        var request = Grouped(async (db, c) => { await InsertConnectionAsync(db, "flushed", c); return 0; }, ct);

        // Committed (another connection reads the row), yet not answered while the disk has not confirmed it.
        await Scenario.Eventually(async () => await CountConnectionsAsync() == 1, "the group commits");
        await Task.Delay(200, ct);
        Assert.False(request.IsCompleted, "answered before its commit reached the disk");
        Assert.Equal(_file + "-wal", flushed);
        // The writer meanwhile commits the next group, whose answer waits for the next flush.
        var next = Grouped(async (db, c) => { await InsertConnectionAsync(db, "next", c); return 1; }, ct);
        await Scenario.Eventually(() => Task.FromResult(Group.Commits == 2), "the next group commits while the first is being flushed");
        Assert.False(next.IsCompleted, "answered before its commit reached the disk");

        disk.Set();
        Assert.Equal(0, await request);
        Assert.Equal(1, await next);
    }

    [Fact]
    public async Task A_log_the_disk_will_not_flush_answers_the_group_with_an_error_saying_so()
    {
        var ct = TestContext.Current.CancellationToken;
        Group.BeforeLogSync = _ => throw new IOException("Input/output error");
        var request = Grouped(async (db, c) => { await InsertConnectionAsync(db, "unflushed", c); return 0; }, ct);

        var refused = await Assert.ThrowsAsync<IOException>(() => request);
        Assert.Contains("could not be flushed to disk", refused.Message);

        Group.BeforeLogSync = null;
        Assert.Equal(0, await Grouped(async (db, c) => { await InsertConnectionAsync(db, "after", c); return 0; }, ct));
    }

    [Fact]
    public async Task A_fault_the_writer_does_not_expect_answers_its_group_and_the_writer_goes_on()
    {
        var ct = TestContext.Current.CancellationToken;
        var faults = 1;
        Group.AfterGroup = () =>
        {
            if (Interlocked.Exchange(ref faults, 0) == 1) throw new InvalidOperationException("a fault nothing expects");
        };
        var request = Grouped(async (db, c) => { await InsertConnectionAsync(db, "faulted", c); return 0; }, ct);

        // Bounded: before the writer handled such a fault, its loop ended and this request waited for good.
        var refused = await Assert.ThrowsAsync<IOException>(() => request.WaitAsync(TimeSpan.FromSeconds(60), ct));
        Assert.Contains("committed", refused.Message);
        Assert.Equal(1, await Grouped(async (db, c) => { await InsertConnectionAsync(db, "after", c); return 1; }, ct).WaitAsync(TimeSpan.FromSeconds(60), ct));
        Assert.Equal(2, await CountConnectionsAsync());
    }

    private Task<int> CountConnectionsAsync() =>
        InScope(async db => await (await db.ConnectionAsync()).ExecuteScalarAsync<int>("SELECT COUNT(*) FROM connections"));

    private async Task<T> InScope<T>(Func<DbSession, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DbSession>());
    }

    /// <summary>A request of its own scope, run by the grouped writer.</summary>
    private Task<T> Grouped<T>(Func<DbSession, CancellationToken, Task<T>> work, CancellationToken ct) =>
        InScope(db => Group.RunAsync(db, c => new ValueTask<T>(work(db, c)), ct).AsTask());

    private static async Task InsertConnectionAsync(DbSession db, string id, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition("""
            INSERT INTO connections (id, name, kind, state, initiated_by, created_at, updated_at)
            VALUES (@Id, 'group test', 'remote', 'pending', 'them', @Now, @Now)
            """, new { Id = id, Now = DateTime.UtcNow }, db.Transaction, cancellationToken: ct));
}
