using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Api.Infrastructure.Data;

namespace Platform.IntegrationTests.Stores;

/// <summary>The log's flush on a real SQLite file in WAL mode: what it tells about each sync never stops it answering.</summary>
public sealed class SqliteLogFlushTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"), "flush.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
    }

    [Fact]
    public async Task Each_sync_is_timed_and_a_recorder_that_throws_neither_fails_the_commits_nor_stops_the_flush()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        await using var writer = new SqliteConnection($"Data Source={_file}");
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        await using (var wal = writer.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);";
            await wal.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        var timed = new List<TimeSpan>();
        using var flush = SqliteLogFlush.For(writer, _file, NullLogger.Instance, () => null, took =>
        {
            lock (timed) timed.Add(took);
            throw new InvalidOperationException("a metric that fails");
        });
        Assert.NotNull(flush);

        // Two commits in turn: each is answered as flushed (no error), so the flush thread lived through the first.
        foreach (var _ in new[] { 1, 2 })
        {
            var answered = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            flush.AfterCommit(failure => answered.SetResult(failure));
            Assert.Null(await answered.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        }
        lock (timed) Assert.Equal(2, timed.Count);
        Assert.All(timed, took => Assert.True(took >= TimeSpan.Zero));
    }
}
