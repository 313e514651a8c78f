using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Platform.Api.Infrastructure.Data;

namespace Platform.UnitTests.Data;

/// <summary>
/// No SQL Server runs on the build machines, so T-SQL is proven here: every db/sqlserver script and every SQL
/// constant the code runs on both databases must parse with SQL Server's own parser.
/// </summary>
public partial class TSqlParsingTests
{
    private static readonly string DbFolder = Path.Combine(AppContext.BaseDirectory, "db");

    public static TheoryData<string> SqlServerScripts() =>
        new(Directory.GetFiles(Path.Combine(DbFolder, "sqlserver"), "*.sql").Select(Path.GetFileName).Order()!);

    public static TheoryData<string> SharedSqlConstants() => new(SqlConstants().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(SqlServerScripts))]
    public void Sql_server_script_parses(string file)
    {
        var sql = File.ReadAllText(Path.Combine(DbFolder, "sqlserver", file));
        AssertParses(sql, file);
    }

    [Theory]
    [MemberData(nameof(SharedSqlConstants))]
    public void Sql_constant_parses_as_tsql(string name)
    {
        var sql = SqlConstants().Single(c => c.Name == name).Sql;
        AssertParses(DapperListsAsTsql(sql), name);
    }

    [Fact]
    public void Sql_server_paging_and_insert_clauses_parse()
    {
        var d = SqlServerDialect.Instance;
        AssertParses($"SELECT id FROM parties ORDER BY id {d.PageClause}", "page");
        AssertParses(d.InsertReturningId("(name) VALUES (@Name)", "parties"), "insert");
    }

    [Fact]
    public void Both_db_folders_hold_the_same_numbered_scripts()
    {
        static string[] Numbers(string folder) => Directory.GetFiles(Path.Combine(DbFolder, folder), "*.sql")
            .Select(f => ScriptNumber().Match(Path.GetFileName(f)).Value).Order().ToArray();
        var sqlite = Numbers("sqlite");
        Assert.NotEmpty(sqlite);
        Assert.All(sqlite, n => Assert.Matches("^[0-9]{4}$", n));
        Assert.Equal(sqlite, Numbers("sqlserver"));
    }

    [Fact]
    public void The_platform_embeds_the_same_scripts_for_both_providers()
    {
        var sqlite = Migrator.Scripts(DatabaseProvider.Sqlite).Select(s => s.Name[..4]);
        var sqlServer = Migrator.Scripts(DatabaseProvider.SqlServer).Select(s => s.Name[..4]);
        Assert.Equal(sqlite, sqlServer);
    }

    [Fact]
    public void A_broken_statement_is_caught() =>
        Assert.ThrowsAny<Exception>(() => AssertParses("SELECT id FROM parties LIMIT 10", "sqlite-style paging"));

    private static void AssertParses(string sql, string what)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, $"{what}: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    // Dapper expands "IN @List" into "IN (@List1, @List2)"; T-SQL needs the parentheses to parse.
    private static string DapperListsAsTsql(string sql) => DapperList().Replace(sql, "IN (@$1)");

    [GeneratedRegex(@"IN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DapperList();

    [GeneratedRegex(@"^\d+")]
    private static partial Regex ScriptNumber();

    // A statement, not a bare word such as the push operation "delete".
    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|IF|CREATE|ALTER|PRAGMA)\s", RegexOptions.IgnoreCase)]
    private static partial Regex LooksLikeSql();

    private static IEnumerable<(string Name, string Sql)> SqlConstants() =>
        typeof(Migrator).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<SqliteOnlyAttribute>() is null)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f is { IsLiteral: true, FieldType.Name: "String" } && f.GetCustomAttribute<SqliteOnlyAttribute>() is null)
                .Select(f => (Name: $"{t.Name}.{f.Name}", Sql: (string)f.GetRawConstantValue()!)))
            .Where(c => LooksLikeSql().IsMatch(c.Sql))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
}
