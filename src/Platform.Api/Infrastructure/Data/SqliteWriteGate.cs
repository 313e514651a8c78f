using System.Collections.Concurrent;

namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// Queues this process's SQLite write transactions, one at a time per database file, before they ask SQLite for
/// its write lock. SQLite's own wait (busy_timeout) blocks a thread and retries with sleeps of up to 100 ms, so
/// concurrent writers convoy and the tail is set by the sleeps; an async queue hands the lock over at once and
/// holds no thread while waiting. busy_timeout stays as the fallback for writers outside this gate (other
/// processes, statements outside a transaction). Not used on SQL Server, whose row locks need no such queue.
/// </summary>
public sealed class SqliteWriteGate
{
    // Keyed by file, process-wide on purpose: the lock it stands for belongs to the file, and two hosts in one
    // process may open the same file (a test restarting a platform while the old host drains).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Files = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim? _semaphore;

    public SqliteWriteGate(DbConnectionFactory factory)
    {
        if (factory.Options.Provider != DatabaseProvider.Sqlite) return;
        _semaphore = factory.SqliteFile is { } file ? Files.GetOrAdd(file, _ => new SemaphoreSlim(1, 1)) : new SemaphoreSlim(1, 1);
    }

    /// <summary>Waits for this database's turn to write. Every completed call must be matched by one <see cref="Exit"/>.</summary>
    public Task EnterAsync(CancellationToken ct) => _semaphore?.WaitAsync(ct) ?? Task.CompletedTask;

    /// <summary>Takes the turn only if it is free now; true must be matched by one <see cref="Exit"/>.</summary>
    public bool TryEnter() => _semaphore?.Wait(0) ?? true;

    public void Exit() => _semaphore?.Release();
}
