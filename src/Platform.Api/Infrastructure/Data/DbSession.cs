using System.Data.Common;

namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// The database work of one request or job: one connection, opened on first use, and at most one transaction.
/// A handler's changes and the outbox rows they cause are written through the same session and commit together.
/// </summary>
public sealed class DbSession(DbConnectionFactory factory) : IAsyncDisposable
{
    private DbConnection? _connection;
    private List<Action>? _afterCommit;

    public DbTransaction? Transaction { get; private set; }

    public SqlDialect Dialect => factory.Dialect;

    public async Task<DbConnection> ConnectionAsync(CancellationToken ct = default) =>
        _connection ??= await factory.OpenAsync(ct);

    public async Task BeginAsync(CancellationToken ct = default)
    {
        if (Transaction is not null) return;
        var connection = await ConnectionAsync(ct);
        Transaction = await connection.BeginTransactionAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (Transaction is null) return;
        await Transaction.CommitAsync(ct);
        await Transaction.DisposeAsync();
        Transaction = null;
        var actions = _afterCommit;
        _afterCommit = null;
        actions?.ForEach(a => a());
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
        await Transaction.RollbackAsync();
        await Transaction.DisposeAsync();
        Transaction = null;
        _afterCommit = null;
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
