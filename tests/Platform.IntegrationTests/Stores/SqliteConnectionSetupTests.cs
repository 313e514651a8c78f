using Dapper;
using Microsoft.Data.Sqlite;
using Platform.Api.Infrastructure.Data;

namespace Platform.IntegrationTests.Stores;

/// <summary>
/// Every SQLite connection the platform opens enforces foreign keys and waits for the writer lock, whether its native
/// connection is new or comes back from the pool (the settings are made once per native connection).
/// </summary>
public sealed class SqliteConnectionSetupTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"), "setup.db");

    [Fact]
    public async Task A_new_and_a_pooled_connection_both_enforce_foreign_keys_and_wait_for_the_lock()
    {
        var ct = TestContext.Current.CancellationToken;
        var factory = new DbConnectionFactory(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={_file}"));
        object? first = null;
        for (var open = 0; open < 3; open++)
        {
            await using var connection = (SqliteConnection)await factory.OpenAsync(ct);
            first ??= connection.Handle;
            Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
            Assert.Equal(10000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
            // The pool hands the same native connection back: the settings were not made on this open.
            if (open > 0) Assert.Same(first, connection.Handle);
            if (open == 2) SqliteConnection.ClearPool(connection);
        }
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_file)!, recursive: true);
}
