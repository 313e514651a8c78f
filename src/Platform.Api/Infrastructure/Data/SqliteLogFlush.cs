using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// Flushes the grouped writer's commits to disk on a thread of its own, so that the writer runs the next group while the
/// disk works (<see cref="SqliteGroupCommit"/>). A group's requests are answered only after a flush that began after their
/// commit: an answer still means the change survives a crash of the machine, not only of the process.
/// </summary>
/// <remarks>
/// <para>
/// The writer's connection commits with <c>synchronous = NORMAL</c>: SQLite writes the commit to its log (the
/// <c>-wal</c> file) without waiting for the disk, which in WAL mode already survives a crash of the process. This
/// class then syncs that file, as <c>synchronous = FULL</c> would have done inside the commit. One sync covers every
/// commit written before it began, so commits that land while one runs share the next.
/// </para>
/// <para>
/// Checkpoints stay safe under NORMAL: SQLite syncs the log before copying it into the database and the database after.
/// Other connections keep the default (FULL) and sync their own commits. Only for a database file in WAL mode; any
/// other keeps committing with FULL, and its groups are answered at once.
/// </para>
/// </remarks>
internal sealed class SqliteLogFlush : IDisposable
{
    private readonly string _log;
    private readonly ILogger _logger;
    // A monitor, not a semaphore: SemaphoreSlim spins before it blocks, and between commits that spinning took a core
    // from the request threads that the commit's answers wait for.
    private readonly object _lock = new();
    private readonly Thread _thread;
    private readonly Func<Action<string>?> _beforeSync;
    private readonly Action<TimeSpan>? _synced;
    private List<Action<Exception?>>? _waiting;
    private bool _stopping;
    private SafeFileHandle? _handle;

    private SqliteLogFlush(string databaseFile, ILogger logger, Func<Action<string>?> beforeSync, Action<TimeSpan>? synced)
    {
        (_log, _logger, _beforeSync, _synced) = (databaseFile + "-wal", logger, beforeSync, synced);
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite log flush" };
        _thread.Start();
    }

    /// <summary>
    /// Sets the writer's connection to commit without syncing and returns the flush that syncs for it; null (and the
    /// connection left as it was) when the database is not a file in WAL mode.
    /// </summary>
    /// <param name="beforeSync">A test's hook, run before each sync: it may block, or throw as a failing disk would.</param>
    /// <param name="synced">Told how long each sync that succeeded took (the platform's metric).</param>
    public static SqliteLogFlush? For(SqliteConnection writer, string? databaseFile, ILogger logger, Func<Action<string>?> beforeSync,
        Action<TimeSpan>? synced)
    {
        if (databaseFile is null) return null;
        using var command = writer.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        if (!string.Equals(command.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase)) return null;
        command.CommandText = "PRAGMA synchronous = NORMAL";
        command.ExecuteNonQuery();
        return new SqliteLogFlush(databaseFile, logger, beforeSync, synced);
    }

    /// <summary>
    /// Calls <paramref name="answer"/> once a sync that began after this call has ended: with null when it succeeded,
    /// with the error when the disk refused it. Call it after the commit.
    /// </summary>
    public void AfterCommit(Action<Exception?> answer)
    {
        lock (_lock)
        {
            if (_stopping) throw new ObjectDisposedException(nameof(SqliteLogFlush));
            (_waiting ??= []).Add(answer);
            Monitor.Pulse(_lock);
        }
    }

    private void Run()
    {
        while (true)
        {
            List<Action<Exception?>>? batch;
            lock (_lock)
            {
                while (_waiting is null && !_stopping) Monitor.Wait(_lock);
                (batch, _waiting) = (_waiting, null);
            }
            // After the last sync once stopping: what waited is answered first.
            if (batch is not null) Answer(batch, Sync());
            else return;
        }
    }

    private Exception? Sync()
    {
        TimeSpan took;
        try
        {
            _beforeSync()?.Invoke(_log);
            // Opened on first use: SQLite creates the log with the first transaction. It stays the same file while the
            // writer's connection is open, which is as long as this flush lives.
            _handle ??= File.OpenHandle(_log, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            // Timed without the test's hook: what the disk took, which an operator compares with the groups' wait.
            var started = Stopwatch.GetTimestamp();
            RandomAccess.FlushToDisk(_handle);
            took = Stopwatch.GetElapsedTime(started);
        }
        catch (Exception e)
        {
            _logger.LogCritical(e, "The database's log {File} could not be flushed to disk: the requests of the last commits are answered with an error, "
                + "though their changes are committed and stay unless the machine fails", _log);
            return new IOException($"The change was committed but could not be flushed to disk ({e.Message})", e);
        }
        try
        {
            _synced?.Invoke(took);
        }
        catch (Exception e)
        {
            // Telling the time is not part of the sync: the commits are on disk, and this thread must live to answer them.
            _logger.LogWarning(e, "Recording how long the log's sync took failed");
        }
        return null;
    }

    private void Answer(List<Action<Exception?>> batch, Exception? failure)
    {
        foreach (var answer in batch)
        {
            try
            {
                answer(failure);
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Answering a flushed group failed");
            }
        }
    }

    /// <summary>Answers what waits (after one last sync) and stops the thread.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.Pulse(_lock);
        }
        _thread.Join();
        _handle?.Dispose();
    }
}
