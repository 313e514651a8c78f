using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Platform.Api.Infrastructure.Objects;

/// <summary>
/// The committed OCPI objects of one SQLite database that were read or written by key lately, so that a read by key
/// (a Receiver GET, the read before each PATCH on the grouped writer) skips the row read and the JSON parse.
/// </summary>
/// <remarks>
/// <para>SQLite only (on SQL Server there is no cache). Every write of <c>ocpi_objects</c> goes through
/// <see cref="OcpiObjectStore"/> in a transaction, and every SQLite transaction of this process holds the
/// <see cref="Data.SqliteWriteGate"/>, so the cache hears of this process's changes in commit order.</para>
/// <para>Other processes may write the same file (two nodes on one SQLite file). A transaction that wrote objects adds
/// one to the <c>ocpi_objects</c> row of <c>cache_generations</c> before it commits, and the cache holds the
/// generation its entries are of. While another process is counted in on the file (<see cref="SqliteNodes"/>), a read
/// outside a transaction reads that counter first and uses the cache only when it matches, and a transaction reads it
/// once, under the write lock, and drops every entry when another process moved it. While this process is alone on the
/// file, neither reads it.</para>
/// <para>A transaction's own writes live in an overlay until it commits; the overlay is published at the commit,
/// before the write turn is handed on, so the next transaction reads what was just committed. A grouped request that
/// is rolled back to its savepoint spoils the overlay: the rest of that transaction reads the database, and its
/// commit drops every key it wrote instead of publishing them.</para>
/// <para>Shared by every host of the process on the same file, like the write gate: a test may start a second host
/// on a file while the first still drains.</para>
/// </remarks>
[Data.SqliteOnly]
public sealed class ObjectCache : IDisposable
{
    public const string GenerationName = "ocpi_objects";

    // An entry goes with its native connection; the statement's own handle finalizes it then.
    private static readonly ConditionalWeakTable<sqlite3, sqlite3_stmt> Prepared = new();

    private readonly Shared? _shared;
    private readonly string? _file;
    private readonly Data.SqliteWriteGate _gate;

    public ObjectCache(Data.DatabaseOptions options, Data.DbConnectionFactory factory, Data.SqliteWriteGate gate)
    {
        _gate = gate;
        if (options.Provider != Data.DatabaseProvider.Sqlite || options.ObjectCacheMegabytes <= 0) return;
        _file = factory.SqliteFile;
        _shared = Shared.Acquire(_file, options.ObjectCacheMegabytes * 1024L * 1024L);
    }

    public bool Enabled => _shared is not null;

    /// <summary>Whether a read may trust the cache without the database's counter (for tests).</summary>
    internal bool Alone => _shared is { Alone: true };

    /// <summary>Entries held now, and their estimated size (for tests and the benchmarks README).</summary>
    internal (int Count, long Bytes) Size => _shared is null ? (0, 0) : (_shared.Entries.Count, Interlocked.Read(ref _shared.Bytes));

    /// <summary>
    /// The object as <paramref name="transaction"/> (or, with none, the last commit) sees it. <c>Known</c>: the answer
    /// is <c>Found</c> (null: there is no such object). Else read the database, and hand what it holds (the row or null)
    /// to <see cref="Keep"/> with <c>KeepAfter</c> when that is not null.
    /// </summary>
    /// <remarks>
    /// Absence is kept too: a CPO asks to authorize at locations the eMSP does not hold, and pushes ask for objects
    /// deleted since; a write of the key drops it.
    /// </remarks>
    public (bool Known, StoredObject? Found, long? KeepAfter) Find(ObjectCacheKey key, DbConnection connection, DbTransaction? transaction)
    {
        if (_shared is null) return (false, null, null);
        if (transaction is not null)
        {
            var overlay = OverlayOf(connection, transaction);
            if (overlay.Spoiled) return (false, null, null);
            if (overlay.Written.TryGetValue(key, out var written)) return (written is not null, written, null);
            return _shared.Entries.TryGetValue(key, out var held) ? (true, held.Stored, null) : (false, null, Interlocked.Read(ref _shared.Changes));
        }
        // Read before the counter, so that a drop after it keeps a row read meanwhile out.
        var changes = Interlocked.Read(ref _shared.Changes);
        if (!_shared.Alone && !Current(connection)) return (false, null, null);
        return _shared.Entries.TryGetValue(key, out var entry) ? (true, entry.Stored, null) : (false, null, changes);
    }

    /// <summary>
    /// The last commit's object outside a transaction, when this process is the only one on the file and holds it (or
    /// holds that it does not exist): then nothing needs the database, not even a connection.
    /// </summary>
    public bool TryFindCommitted(ObjectCacheKey key, out StoredObject? found)
    {
        found = null;
        if (_shared is not { Alone: true } || !_shared.Entries.TryGetValue(key, out var entry)) return false;
        found = entry.Stored;
        return true;
    }

    /// <summary>Keeps what the database holds (null: nothing), unless a change committed since the lookup that allowed it.</summary>
    public void Keep(ObjectCacheKey key, StoredObject? stored, long keepAfter) => _shared?.Keep(key, stored, keepAfter);

    /// <summary>
    /// Records a write of <paramref name="transaction"/>: <paramref name="stored"/> is the row as it now stands in it,
    /// or null when it is gone or not known whole (the database is read for it until the commit, which drops it).
    /// </summary>
    public void Wrote(ObjectCacheKey key, StoredObject? stored, DbTransaction transaction)
    {
        if (_shared is null) return;
        OverlayOf(transaction.Connection!, transaction).Written[key] = stored;
    }

    /// <summary>
    /// Leaves a save of <paramref name="transaction"/> to its commit: <paramref name="stored"/> is the version as readers
    /// in the transaction see it (deferred: its tree, no text yet), <paramref name="store"/> writes it. A later save of the
    /// same key replaces both, so a burst of changes to one object is written once. False when the overlay is spoiled:
    /// write it now.
    /// </summary>
    public bool Defer(ObjectCacheKey key, StoredObject stored, Func<DbTransaction, Task> store, DbTransaction transaction)
    {
        if (_shared is null) return false;
        var overlay = OverlayOf(transaction.Connection!, transaction);
        if (overlay.Spoiled) return false;
        overlay.Written[key] = stored;
        overlay.Deferred[key] = (stored, store);
        return true;
    }

    /// <summary>Whether saves of <paramref name="transaction"/> wait for its commit (or for the next statement on the objects).</summary>
    public bool HasDeferred(DbTransaction? transaction) => OverlayOf(transaction) is { Deferred.Count: > 0 };

    /// <summary>
    /// How many times <see cref="FlushAsync"/> wrote saves left in <paramref name="transaction"/>: a grouped request that
    /// fails after a flush cannot be rolled back to its savepoint, which would take earlier requests' saves with it.
    /// </summary>
    public long Flushes(DbTransaction? transaction) => OverlayOf(transaction)?.Flushes ?? 0;

    /// <summary>
    /// Writes the saves left to the commit: before the commit, and before any other statement on the objects in the
    /// transaction. One whose tree a later write of the object already took stays: that write stores it, changed.
    /// </summary>
    public async Task FlushAsync(DbTransaction transaction)
    {
        if (OverlayOf(transaction) is not { Deferred.Count: > 0 } overlay) return;
        foreach (var (key, (version, store)) in overlay.Deferred.ToList())
        {
            if (version.Deferred && !version.HoldsTree) continue;
            overlay.Deferred.Remove(key);
            overlay.Flushes++;
            await store(transaction);
        }
    }

    /// <summary>Called just before the transaction commits: writes what was deferred and tells other processes that objects changed.</summary>
    public async Task BeforeCommitAsync(DbTransaction transaction, CancellationToken ct)
    {
        await FlushAsync(transaction);
        // A write took a deferred version's tree and never saved it: committing would lose the changes that version held.
        if (OverlayOf(transaction) is { Deferred.Count: > 0 } unsaved)
            throw new InvalidOperationException($"{unsaved.Deferred.Count} object(s) changed in this group were taken for a write that never saved them");
        if (OverlayOf(transaction) is not { Written.Count: > 0 } overlay) return;
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(
            new CommandDefinition(Data.CacheGenerations.Bump, new { Name = GenerationName }, transaction, cancellationToken: ct));
        overlay.Generation = ReadGeneration(connection);
    }

    /// <summary>Called once the transaction committed, while it still holds the write turn.</summary>
    public void Committed(DbTransaction transaction)
    {
        if (OverlayOf(transaction) is not { } overlay) return;
        _shared!.Open = null;
        foreach (var (key, written) in overlay.Written)
        {
            if (overlay.Spoiled || written is null) _shared.Drop(key);
            else _shared.Publish(key, written);
        }
        // Last: readers of other sessions use the entries only once the counter says they are of this commit.
        Volatile.Write(ref _shared.Generation, overlay.Generation);
    }

    /// <summary>A grouped request was rolled back to its savepoint: what the overlay holds may no longer be so.</summary>
    public void Spoil(DbTransaction transaction)
    {
        if (OverlayOf(transaction) is { } overlay) overlay.Spoiled = true;
    }

    /// <summary>The transaction was rolled back: nothing of it was stored.</summary>
    public void RolledBack(DbTransaction transaction)
    {
        if (OverlayOf(transaction) is not null) _shared!.Open = null;
    }

    public void Dispose() => _shared?.Release(_file);

    /// <summary>
    /// Whether the entries are of the database's generation now. When another process moved it, they are dropped and the
    /// new generation taken, but only while no transaction of this process is writing (its commit would move it too).
    /// </summary>
    private bool Current(DbConnection connection)
    {
        var comings = _shared!.Comings;
        var generation = ReadGeneration(connection);
        if (generation == Volatile.Read(ref _shared.Generation))
        {
            _shared.Checked(comings);
            return true;
        }
        if (!_gate.TryEnter()) return false;
        try
        {
            // Read again under the turn: a commit of this process may have moved both meanwhile.
            _shared.Adopt(ReadGeneration(connection), comings);
            return false;
        }
        finally
        {
            _gate.Exit();
        }
    }

    // One write transaction at a time holds a SQLite file's write turn, so one overlay per file is enough; one left by
    // a transaction that ended unheard (a group in which every request failed) belongs to no live transaction.
    private Overlay? OverlayOf(DbTransaction? transaction) =>
        transaction is not null && _shared?.Open is { } open && ReferenceEquals(open.Transaction, transaction) ? open : null;

    /// <summary>The transaction's overlay; the first use in a transaction reads the counter under the write lock.</summary>
    private Overlay OverlayOf(DbConnection connection, DbTransaction transaction)
    {
        if (OverlayOf(transaction) is { } open) return open;
        // Alone on the file, nobody else moved the counter: its commit reads it back (BeforeCommitAsync) all the same, so
        // the entries stay of the counter's generation for when another process comes.
        if (_shared!.Alone) return _shared.Open = new Overlay(transaction, Volatile.Read(ref _shared.Generation));
        var comings = _shared.Comings;
        var generation = ReadGeneration(connection);
        _shared.Adopt(generation, comings);
        return _shared.Open = new Overlay(transaction, generation);
    }

    /// <summary>
    /// The counter, read with a statement prepared once per native connection and kept with it (a transaction's read runs
    /// in it, on its connection): Microsoft.Data.Sqlite prepares every command again, which cost more than a whole
    /// cached read. The statement is reset after each read, so it holds no read lock between them.
    /// </summary>
    private static long ReadGeneration(DbConnection connection)
    {
        var native = ((SqliteConnection)connection).Handle!;
        if (!Prepared.TryGetValue(native, out var statement))
        {
            var prepared = raw.sqlite3_prepare_v2(native, Data.CacheGenerations.Select, out statement);
            if (prepared != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(prepared, native);
            // Bound once: a reset keeps the bindings.
            raw.sqlite3_bind_text(statement, 1, GenerationName);
            Prepared.AddOrUpdate(native, statement);
        }
        try
        {
            var stepped = raw.sqlite3_step(statement);
            if (stepped == raw.SQLITE_ROW) return raw.sqlite3_column_int64(statement, 0);
            SqliteException.ThrowExceptionForRC(stepped, native);
            throw new InvalidOperationException($"cache_generations has no {GenerationName} row: the schema is not migrated");
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private sealed class Overlay(DbTransaction transaction, long generation)
    {
        public DbTransaction Transaction { get; } = transaction;

        /// <summary>The counter as this transaction read it, and once it wrote, as it will commit it.</summary>
        public long Generation { get; set; } = generation;

        public Dictionary<ObjectCacheKey, StoredObject?> Written { get; } = [];

        /// <summary>Saves left to the commit, by key: the last save of each (see <see cref="Defer"/>).</summary>
        public Dictionary<ObjectCacheKey, (StoredObject Version, Func<DbTransaction, Task> Store)> Deferred { get; } = [];

        public long Flushes { get; set; }

        public bool Spoiled { get; set; }
    }

    private sealed class Shared(long budget)
    {
        private static readonly Dictionary<string, (Shared Cache, int Users)> Files = new(StringComparer.Ordinal);

        private readonly Lock _evicting = new();
        public readonly ConcurrentDictionary<ObjectCacheKey, Entry> Entries = new();
        public long Changes;
        public long Bytes;

        /// <summary>The counter the entries are of; -1 until first read (the counter starts at 0).</summary>
        public long Generation = -1;

        /// <summary>The writes of the transaction that holds the write turn; touched only by it.</summary>
        public Overlay? Open;

        /// <summary>The processes on the file (none for a database in memory, which no other process can open).</summary>
        private SqliteNodes? _nodes;

        public bool Alone => _nodes is null || _nodes.Alone;

        public long Comings => _nodes?.Comings ?? 0;

        public void Checked(long comings) => _nodes?.Checked(comings);

        /// <summary>
        /// The database's counter, read after <paramref name="comings"/> processes came: entries of another generation
        /// are dropped, and the cache is of this one from now on. Called under the write turn.
        /// </summary>
        public void Adopt(long generation, long comings)
        {
            if (generation != Volatile.Read(ref Generation))
            {
                DropAll();
                Volatile.Write(ref Generation, generation);
            }
            Checked(comings);
        }

        public static Shared Acquire(string? file, long budget)
        {
            if (file is null) return new Shared(budget);
            lock (Files)
            {
                var (cache, users) = Files.TryGetValue(file, out var held) ? held : (new Shared(budget) { _nodes = SqliteNodes.Attach(file) }, 0);
                Files[file] = (cache, users + 1);
                return cache;
            }
        }

        public void Release(string? file)
        {
            if (file is null) return;
            lock (Files)
            {
                if (!Files.TryGetValue(file, out var held)) return;
                if (held.Users <= 1)
                {
                    Files.Remove(file);
                    held.Cache._nodes?.Dispose();
                }
                else
                {
                    Files[file] = (held.Cache, held.Users - 1);
                }
            }
        }

        public void Keep(ObjectCacheKey key, StoredObject? stored, long changesBeforeRead)
        {
            if (Interlocked.Read(ref Changes) != changesBeforeRead) return;
            var entry = Set(key, stored);
            // A commit that published or dropped the key between the check above and the write must win.
            if (Interlocked.Read(ref Changes) != changesBeforeRead && Entries.TryRemove(KeyValuePair.Create(key, entry)))
                Interlocked.Add(ref Bytes, -entry.Size);
        }

        public void Publish(ObjectCacheKey key, StoredObject stored)
        {
            Interlocked.Increment(ref Changes);
            Set(key, stored);
        }

        public void DropAll()
        {
            Interlocked.Increment(ref Changes);
            foreach (var key in Entries.Keys) Drop(key);
        }

        public void Drop(ObjectCacheKey key)
        {
            Interlocked.Increment(ref Changes);
            if (Entries.TryRemove(key, out var old)) Interlocked.Add(ref Bytes, -old.Size);
        }

        private Entry Set(ObjectCacheKey key, StoredObject? stored)
        {
            var entry = new Entry(stored, SizeOf(stored));
            long added;
            while (true)
            {
                if (Entries.TryGetValue(key, out var old))
                {
                    if (!Entries.TryUpdate(key, entry, old)) continue;
                    added = entry.Size - old.Size;
                }
                else if (!Entries.TryAdd(key, entry))
                {
                    continue;
                }
                else
                {
                    added = entry.Size;
                }
                break;
            }
            if (Interlocked.Add(ref Bytes, added) > budget) Evict();
            return entry;
        }

        // No recency is kept (it would cost every read a write): over budget, entries go in the dictionary's order
        // until a quarter of the budget is free again. A hot object evicted comes back on its next read.
        private void Evict()
        {
            if (!_evicting.TryEnter()) return;
            try
            {
                foreach (var (key, entry) in Entries)
                {
                    if (Interlocked.Read(ref Bytes) <= budget * 3 / 4) break;
                    if (Entries.TryRemove(KeyValuePair.Create(key, entry))) Interlocked.Add(ref Bytes, -entry.Size);
                }
            }
            finally
            {
                _evicting.Exit();
            }
        }

        // The document as a string (UTF-16) and once parsed (UTF-8 and its token table), and the nodes of a tree a
        // write left, roughly. Sized once, when stored: a tree taken later stays counted until the entry goes.
        private static long SizeOf(StoredObject? stored) => 256 + (stored is null ? 0 : stored.Document.Length * (stored.HoldsTree ? 12L : 4L));
    }

    /// <summary>A cached object (null: there is none) and the size it was counted at; compared by reference.</summary>
    private sealed class Entry(StoredObject? stored, long size)
    {
        public StoredObject? Stored { get; } = stored;

        public long Size { get; } = size;
    }
}

/// <summary>One object's row: the scope's three columns and the owner and object keys.</summary>
public readonly record struct ObjectCacheKey(string Module, long HostedPartyId, string Side, string OwnerKey, string ObjectKey)
{
    public static ObjectCacheKey Of(ObjectScope scope, string ownerKey, string objectId) =>
        new(scope.Module, scope.HostedPartyId, scope.Side, ownerKey, Platform.Ocpi.CiString.Key(objectId));
}
