using System.Security.Cryptography;
using Dapper;
using Platform.Api.Infrastructure.Pipeline;
using Platform.Api.Infrastructure.Security;

namespace Platform.Api.WebConsole;

/// <summary>A console sign-in: its row id (in the cookie), the antiforgery token its writes must echo, and its end.</summary>
public sealed record ConsoleSession(string Id, string AntiforgeryToken, DateTime ExpiresAt);

/// <summary>Signs in with the admin key; null when the key is wrong (nothing is stored then).</summary>
public sealed record StartConsoleSession(string? ApiKey) : IRequest<ConsoleSession?>, ITransactional;

public sealed record EndConsoleSession(string Id) : IRequest<Unit>, ITransactional;

public sealed class ConsoleSessionHandler(AdminKey key, ConsoleSessionStore sessions, ConsoleOptions options, TimeProvider clock)
    : IRequestHandler<StartConsoleSession, ConsoleSession?>, IRequestHandler<EndConsoleSession, Unit>
{
    public async ValueTask<ConsoleSession?> Handle(StartConsoleSession request, CancellationToken ct)
    {
        if (!key.Matches(request.ApiKey)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new ConsoleSession(Guid.NewGuid().ToString(), Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant(),
            now.AddHours(options.SessionHours));
        await sessions.PruneAsync(now, ct);
        await sessions.InsertAsync(session.Id, now, session.ExpiresAt, ct);
        return session;
    }

    public async ValueTask<Unit> Handle(EndConsoleSession request, CancellationToken ct)
    {
        await sessions.EndAsync(request.Id, clock.GetUtcNow().UtcDateTime, ct);
        return Unit.Value;
    }
}

/// <summary>SQL for console sessions (no tenant data: a session belongs to the operator, who sees every party).</summary>
public sealed class ConsoleSessionStore(DbSession db, TimeProvider clock)
{
    private const string Insert = "INSERT INTO console_sessions (id, created_at, expires_at) VALUES (@Id, @CreatedAt, @ExpiresAt)";

    private const string End = "UPDATE console_sessions SET ended_at = @Now WHERE id = @Id AND ended_at IS NULL";

    private const string Prune = "DELETE FROM console_sessions WHERE expires_at < @Before";

    private const string CountActive = "SELECT COUNT(*) FROM console_sessions WHERE id = @Id AND ended_at IS NULL AND expires_at > @Now";

    private async Task Execute(string sql, object args, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));

    public Task InsertAsync(string id, DateTime createdAt, DateTime expiresAt, CancellationToken ct) =>
        Execute(Insert, new { Id = id, CreatedAt = createdAt, ExpiresAt = expiresAt }, ct);

    public Task EndAsync(string id, DateTime now, CancellationToken ct) => Execute(End, new { Id = id, Now = now }, ct);

    /// <summary>Sessions that ended by time a day ago are of no use even to someone reading the table.</summary>
    public Task PruneAsync(DateTime now, CancellationToken ct) => Execute(Prune, new { Before = now.AddDays(-1) }, ct);

    public async Task<bool> IsActiveAsync(string id, CancellationToken ct) =>
        await (await db.ConnectionAsync(ct)).ExecuteScalarAsync<long>(new CommandDefinition(CountActive,
            new { Id = id, Now = clock.GetUtcNow().UtcDateTime }, db.Transaction, cancellationToken: ct)) > 0;
}
