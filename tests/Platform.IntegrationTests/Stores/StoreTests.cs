using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Tenancy;

namespace Platform.IntegrationTests.Stores;

/// <summary>
/// Store behaviour every database provider must show. Each provider derives a class; the SQL Server one skips
/// itself, saying why, where no Docker engine answers.
/// </summary>
public abstract class StoreTests : IAsyncLifetime
{
    private ServiceProvider? _services;

    /// <summary>The database to test, or the reason it cannot be had on this machine.</summary>
    protected abstract Task<(DatabaseOptions? Options, string? SkipReason)> CreateDatabaseAsync();

    protected virtual ValueTask DisposeDatabaseAsync() => ValueTask.CompletedTask;

    private string? _skipReason;

    public async ValueTask InitializeAsync()
    {
        var (options, skip) = await CreateDatabaseAsync();
        _skipReason = skip;
        if (options is null) return;
        UtcDateTimeHandler.Register();
        _services = new ServiceCollection()
            .AddSingleton(options)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<DbConnectionFactory>()
            .AddSingleton<Migrator>()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<SqliteWriteGate>()
            .AddScoped<DbSession>()
            .AddScoped<CredentialsTokens>()
            .BuildServiceProvider();
        await _services.GetRequiredService<Migrator>().ApplyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await DisposeDatabaseAsync();
    }

    private IServiceProvider Services
    {
        get
        {
            if (_skipReason is not null) Assert.Skip(_skipReason);
            return _services!;
        }
    }

    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<string> NewConnectionAsync() => InScope(async sp =>
    {
        var db = sp.GetRequiredService<DbSession>();
        var id = Guid.NewGuid().ToString();
        await (await db.ConnectionAsync()).ExecuteAsync("""
            INSERT INTO connections (id, name, kind, state, initiated_by, created_at, updated_at)
            VALUES (@Id, 'store test', 'remote', 'pending', 'them', @Now, @Now)
            """, new { Id = id, Now = DateTime.UtcNow });
        return id;
    });

    [Fact]
    public async Task Migrations_apply_once()
    {
        var again = await Services.GetRequiredService<Migrator>().ApplyAsync(TestContext.Current.CancellationToken);
        Assert.Empty(again);
    }

    [Fact]
    public async Task Issued_token_authenticates_and_is_stored_only_as_a_hash()
    {
        var connectionId = await NewConnectionAsync();
        var token = await InScope(sp => sp.GetRequiredService<CredentialsTokens>().IssueAsync(connectionId, CredentialsTokenKind.C, null, default));
        var found = await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync(["wrong-" + token, token], default));
        Assert.NotNull(found);
        Assert.Equal(connectionId, found.ConnectionId);
        Assert.Equal(CredentialsTokenKind.C, found.Kind);

        var stored = await InScope(async sp => (await (await sp.GetRequiredService<DbSession>().ConnectionAsync())
            .QueryAsync<(string Lookup, byte[] Hash)>("SELECT lookup, hash FROM credentials_tokens WHERE connection_id = @Id",
                new { Id = connectionId })).Single());
        Assert.NotEqual(token, stored.Lookup);
        Assert.True(stored.Lookup.Length < token.Length);
        Assert.Equal(32, stored.Hash.Length);
    }

    [Fact]
    public async Task A_token_with_the_right_lookup_but_wrong_secret_is_refused()
    {
        var connectionId = await NewConnectionAsync();
        var token = await InScope(sp => sp.GetRequiredService<CredentialsTokens>().IssueAsync(connectionId, CredentialsTokenKind.B, null, default));
        var forged = token[..12] + new string('x', token.Length - 12);
        Assert.Null(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([forged], default)));
    }

    [Fact]
    public async Task Revoked_and_expired_tokens_are_refused()
    {
        var connectionId = await NewConnectionAsync();
        var (a, c) = await InScope(async sp =>
        {
            var tokens = sp.GetRequiredService<CredentialsTokens>();
            return (await tokens.IssueAsync(connectionId, CredentialsTokenKind.A, DateTime.UtcNow.AddHours(1), default),
                    await tokens.IssueAsync(connectionId, CredentialsTokenKind.C, null, default));
        });
        var expired = await InScope(sp => sp.GetRequiredService<CredentialsTokens>()
            .IssueAsync(connectionId, CredentialsTokenKind.A, DateTime.UtcNow.AddSeconds(-1), default));
        Assert.Null(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([expired], default)));

        await InScope(async sp =>
        {
            await sp.GetRequiredService<CredentialsTokens>().RevokeAsync(connectionId, default, CredentialsTokenKind.A);
            return 0;
        });
        Assert.Null(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([a], default)));
        Assert.NotNull(await InScope(sp => sp.GetRequiredService<CredentialsTokens>().AuthenticateAsync([c], default)));
    }
}
