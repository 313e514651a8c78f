namespace Platform.Api.Infrastructure.Pipeline;

/// <summary>Requests that change data implement this: they run in one transaction with their outbox rows.</summary>
public interface ITransactional;

/// <summary>
/// A transactional request whose handler touches nothing but its <see cref="DbSession"/> and never commits
/// itself: on SQLite it may share one commit with other such requests (<see cref="SqliteGroupCommit"/>). Meant
/// for the writes peers send in bursts (Receiver PUT and PATCH).
/// </summary>
public interface IGroupCommit : ITransactional;

/// <summary>Begins the session's transaction before the handler and commits after it; any exception rolls back.</summary>
public sealed class TransactionBehavior<TMessage, TResponse>(DbSession db, SqliteGroupCommit group)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not ITransactional)
            return await next(message, cancellationToken);
        if (message is IGroupCommit && group.Enabled && db.Transaction is null)
            return await group.RunAsync(db, ct => next(message, ct), cancellationToken);
        await db.BeginAsync(cancellationToken);
        try
        {
            var response = await next(message, cancellationToken);
            await db.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await db.RollbackAsync();
            throw;
        }
    }
}
