using System.IO.MemoryMappedFiles;

namespace Platform.Api.Infrastructure.Objects;

/// <summary>
/// Which processes have a SQLite file's object cache open, counted in memory that every process on the machine maps from
/// a file beside the database (<c>&lt;database&gt;-nodes</c>, as SQLite keeps its own <c>-shm</c>): how many are in now,
/// and how many ever came in. While this process is the only one, and nobody came and went since it last read the
/// database's counter, a read needs no look at the database to trust the cache: nobody else wrote. That look (a
/// counter read through SQLite) cost more than the whole cached read. SQLite's WAL needs every process on the file to be
/// on one machine anyway, and so does this memory.
/// </summary>
/// <remarks>
/// Each process holds a shared lock on the file while it is counted in. A process that dies without counting itself out
/// loses its lock with it; the next process that finds no lock held resets the count. Until then, a count left too high
/// only costs the look it would have saved.
/// </remarks>
public sealed unsafe class SqliteNodes : IDisposable
{
    private const int Bytes = 64;

    private readonly FileStream _lock;
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    // [0]: processes counted in now; [1]: processes that ever came in since the last reset.
    private readonly long* _words;
    private long _seenComings;
    private int _disposed;

    private SqliteNodes(FileStream held)
    {
        _lock = held;
        _map = MemoryMappedFile.CreateFromFile(held, null, Bytes, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
        _view = _map.CreateViewAccessor(0, Bytes);
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _words = (long*)(start + _view.PointerOffset);
        Interlocked.Increment(ref _words[0]);
        _seenComings = Interlocked.Increment(ref _words[1]);
    }

    public static string PathFor(string databaseFile) => databaseFile + "-nodes";

    /// <summary>Counts this process in on the file's nodes (for a test: one more process).</summary>
    public static SqliteNodes Attach(string databaseFile)
    {
        var path = PathFor(databaseFile);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Nobody holds the file: whatever count it has was left by processes that are gone.
                using (var alone = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
                {
                    alone.SetLength(Bytes);
                    alone.Write(new byte[Bytes]);
                }
            }
            catch (IOException)
            {
                // Held by a live process (its shared lock): its count stands.
            }
            try
            {
                return new SqliteNodes(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete));
            }
            catch (IOException) when (attempt < 100)
            {
                // Another process holds it exclusively for the moment of its reset above.
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>
    /// Whether this process is the only one counted in. Never where .NET was told not to lock files
    /// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>): every start would then reset the count of the live ones.
    /// </summary>
    public bool Alone => !LockingDisabled && Volatile.Read(ref _words[0]) <= 1 && Volatile.Read(ref _words[1]) == Volatile.Read(ref _seenComings);

    /// <summary>How many processes ever came in; read it before reading the database's counter, and hand it to <see cref="Checked"/> after.</summary>
    public long Comings => Volatile.Read(ref _words[1]);

    /// <summary>The database's counter was read after <paramref name="comings"/> processes came: whatever they wrote is seen.</summary>
    public void Checked(long comings)
    {
        var seen = Volatile.Read(ref _seenComings);
        while (comings > seen)
        {
            var was = Interlocked.CompareExchange(ref _seenComings, comings, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    private static readonly bool LockingDisabled =
        AppContext.TryGetSwitch("System.IO.DisableFileLocking", out var disabled) ? disabled
            : Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING") is "1" or "true" or "True" or "TRUE";

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Interlocked.Decrement(ref _words[0]);
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
        _lock.Dispose();
    }
}
