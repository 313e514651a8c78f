using System.Data.Common;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// Applies <c>db/{provider}/NNNN_name.sql</c> (embedded in this assembly) in number order, each once, each in
/// its own transaction, and journals it in <c>schema_journal</c>. A second start applies nothing.
/// Chosen over DbUp: the whole job is this file, and DbUp's SQLite and SQL Server packages pull different
/// dbup-core major versions.
/// </summary>
public sealed partial class Migrator(DbConnectionFactory factory, ILogger<Migrator> logger)
{
    [GeneratedRegex(@"^\s*GO\s*;?\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BatchSeparator();

    public sealed record Script(string Name, string Sql);

    public static IReadOnlyList<Script> Scripts(DatabaseProvider provider)
    {
        var prefix = provider == DatabaseProvider.Sqlite ? "db.sqlite." : "db.sqlserver.";
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Script(n[prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Returns the names of the scripts applied by this call.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken ct = default)
    {
        await using var connection = await factory.OpenAsync(ct);
        if (factory.Options.Provider == DatabaseProvider.Sqlite)
            await connection.ExecuteAsync(EnableWal);
        await connection.ExecuteAsync(JournalDdl(factory.Options.Provider));
        var done = (await connection.QueryAsync<string>(SelectJournal)).ToHashSet(StringComparer.Ordinal);

        var applied = new List<string>();
        foreach (var script in Scripts(factory.Options.Provider).Where(s => !done.Contains(s.Name)))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            foreach (var batch in Batches(script.Sql))
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                InsertJournal,
                new { script.Name, At = DateTime.UtcNow }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            logger.LogInformation("Applied schema script {Script}", script.Name);
            applied.Add(script.Name);
        }
        if (applied.Count == 0)
            logger.LogInformation("Database schema is up to date ({Count} scripts journaled)", done.Count);
        return applied;
    }

    public static IEnumerable<string> Batches(string sql) =>
        BatchSeparator().Split(sql).Select(b => b.Trim()).Where(b => b.Length > 0);

    private const string SelectJournal = "SELECT script_name FROM schema_journal";

    private const string InsertJournal = "INSERT INTO schema_journal (script_name, applied_at) VALUES (@Name, @At)";

    [SqliteOnly]
    private const string CreateJournalSqlite =
        "CREATE TABLE IF NOT EXISTS schema_journal (script_name TEXT NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)";

    private const string CreateJournalSqlServer = """
        IF OBJECT_ID(N'dbo.schema_journal', N'U') IS NULL
            CREATE TABLE dbo.schema_journal (script_name NVARCHAR(200) NOT NULL PRIMARY KEY, applied_at DATETIME2 NOT NULL)
        """;

    [SqliteOnly]
    private const string EnableWal = "PRAGMA journal_mode = WAL;";

    private const string Ping = "SELECT 1";

    private static string JournalDdl(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? CreateJournalSqlite : CreateJournalSqlServer;

    internal static async Task<bool> PingAsync(DbConnection connection, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(Ping, cancellationToken: ct)) == 1;
}
