using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// The database work of one request or job: one connection, opened on first use, and at most one transaction.
/// A handler's changes and the outbox rows they cause are written through the same session and commit together.
/// </summary>
/// <remarks>
/// On SQLite a transaction first takes the database's turn in <see cref="SqliteWriteGate"/> and keeps it until it
/// commits or rolls back (disposing the session rolls back). A session never waits for the gate while holding
/// it (a second <see cref="BeginAsync"/> joins the open transaction), and no code path opens a second session's
/// transaction while its own is open (jobs and the pump use their own scopes), so the gate cannot deadlock.
/// </remarks>
public sealed class DbSession(DbConnectionFactory factory, SqliteWriteGate gate, Objects.ObjectCache? objects = null) : IAsyncDisposable
{
    private DbConnection? _connection;
    private List<Action>? _afterCommit;
    private bool _inGate;
    private DbConnection? _ownConnection;
    private bool _joined;
    private Func<Task>? _beforeFirstStatement;

    public DbTransaction? Transaction { get; private set; }

    public SqlDialect Dialect => factory.Dialect;

    /// <summary>The connection to run a statement on (every store asks here before each statement it runs).</summary>
    public async Task<DbConnection> ConnectionAsync(CancellationToken ct = default)
    {
        if (_beforeFirstStatement is { } first)
        {
            _beforeFirstStatement = null;
            await first();
        }
        return _connection ??= await factory.OpenAsync(ct);
    }

    public async Task BeginAsync(CancellationToken ct = default)
    {
        if (Transaction is not null) return;
        var connection = await ConnectionAsync(ct);
        if (connection is not SqliteConnection sqlite)
        {
            Transaction = await connection.BeginTransactionAsync(ct);
            return;
        }
        await gate.EnterAsync(ct);
        try
        {
            // IMMEDIATE: the write lock is taken now, while this session holds the gate, never by a later
            // statement that would then have to wait inside SQLite's busy handler.
            Transaction = sqlite.BeginTransaction(deferred: false);
            _inGate = true;
        }
        catch
        {
            gate.Exit();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (Transaction is null) return;
        ThrowIfJoined();
        // A failed commit leaves the transaction (and the gate) to the caller's rollback or to DisposeAsync.
        if (objects is not null) await objects.BeforeCommitAsync(Transaction, ct);
        await Transaction.CommitAsync(ct);
        // Before the write turn is handed on, so the next transaction reads what this one stored.
        objects?.Committed(Transaction);
        await EndAsync();
        var actions = _afterCommit;
        _afterCommit = null;
        actions?.ForEach(a => a());
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction: the caller's when one is open (it commits or rolls back), else
    /// one of its own, committed when the work returns and rolled back when it throws.
    /// </summary>
    public async Task InTransactionAsync(Func<Task> work, CancellationToken ct)
    {
        if (Transaction is not null)
        {
            await work();
            return;
        }
        await BeginAsync(ct);
        try
        {
            await work();
            await CommitAsync(ct);
        }
        catch
        {
            await RollbackAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/> once the current transaction commits (at once without one); never on rollback.</summary>
    public void AfterCommit(Action action)
    {
        if (Transaction is null) action();
        else (_afterCommit ??= []).Add(action);
    }

    public async Task RollbackAsync()
    {
        if (Transaction is null) return;
        ThrowIfJoined();
        _afterCommit = null;
        objects?.RolledBack(Transaction);
        try
        {
            await Transaction.RollbackAsync();
        }
        finally
        {
            await EndAsync();
        }
    }

    private async Task EndAsync()
    {
        try
        {
            await Transaction!.DisposeAsync();
        }
        finally
        {
            Transaction = null;
            if (_inGate)
            {
                _inGate = false;
                gate.Exit();
            }
        }
    }

    /// <summary>
    /// Lends this session <see cref="SqliteGroupCommit"/>'s connection and transaction while it runs one request;
    /// <see cref="BeginAsync"/> joins it, committing or rolling back is the group's. <paramref name="beforeFirstStatement"/>
    /// runs once, when the request first asks for the connection (the group's savepoint for it).
    /// </summary>
    internal void Join(DbConnection connection, DbTransaction transaction, bool deferObjectWrites = false, Func<Task>? beforeFirstStatement = null)
    {
        if (Transaction is not null || _joined) throw new InvalidOperationException("A session with a transaction of its own cannot join a group");
        (_ownConnection, _connection, Transaction, _joined, DefersObjectWrites, _beforeFirstStatement) =
            (_connection, connection, transaction, true, deferObjectWrites, beforeFirstStatement);
    }

    /// <summary>
    /// Whether a save of an object this group already holds may be left to the group's commit (<see cref="Objects.ObjectCache.Defer"/>),
    /// so that a burst of PATCHes to one location writes its document once.
    /// </summary>
    internal bool DefersObjectWrites { get; private set; }

    /// <summary>Gives the group's connection back; returns what must run once the group commits.</summary>
    internal IReadOnlyList<Action>? Leave()
    {
        var actions = _afterCommit;
        (_connection, _ownConnection, Transaction, _joined, _afterCommit, DefersObjectWrites, _beforeFirstStatement) =
            (_ownConnection, null, null, false, null, false, null);
        return actions;
    }

    private void ThrowIfJoined()
    {
        if (_joined) throw new InvalidOperationException("This session runs in a group commit: the group commits or rolls back, not the request");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RollbackAsync();
        }
        finally
        {
            if (_connection is not null) await _connection.DisposeAsync();
        }
    }
}
