using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Platform.Api.Infrastructure.Data;

/// <summary>Opens connections to the configured database, with SQLite set up for concurrent use.</summary>
public sealed class DbConnectionFactory
{
    private readonly string _connectionString;

    [SqliteOnly]
    private const string SqlitePragmas = "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;";

    // The native connections already set up; an entry goes with its connection.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object?> Configured = [];

    public DbConnectionFactory(DatabaseOptions options)
    {
        Options = options;
        Dialect = SqlDialect.For(options.Provider);
        _connectionString = options.Provider == DatabaseProvider.Sqlite ? PrepareSqlite(options.ConnectionString) : options.ConnectionString;
    }

    public DatabaseOptions Options { get; }

    public SqlDialect Dialect { get; }

    /// <summary>The SQLite file, or null on SQL Server or an in-memory SQLite database.</summary>
    public string? SqliteFile { get; private set; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        DbConnection connection = Options.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(_connectionString)
            : new SqlConnection(_connectionString);
        await connection.OpenAsync(ct);
        // Per native connection: enforce foreign keys; wait for the writer lock instead of failing at once. Both settings
        // stay with the pooled native connection, so they are set when it is new, not again on every open (two statements
        // prepared and run per request were a tenth of a request's SQLite time).
        if (connection is SqliteConnection { Handle: { } native } && !Configured.TryGetValue(native, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = SqlitePragmas;
            await pragma.ExecuteNonQueryAsync(ct);
            Configured.AddOrUpdate(native, null);
        }
        return connection;
    }

    private string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.Mode != SqliteOpenMode.Memory && !string.Equals(builder.DataSource, ":memory:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
            SqliteFile = path;
        }
        return builder.ToString();
    }
}
