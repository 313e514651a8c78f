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
    public void The_send_queue_statements_of_every_queue_table_parse_as_tsql()
    {
        foreach (var table in Platform.Api.Infrastructure.Sending.QueueTable.All)
            foreach (var (name, sql) in table.Statements)
                AssertParses($"{sql} {(name == "SelectDue" ? SqlServerDialect.Instance.PageClause : "")}", $"{table.Name}.{name}");
    }

    [Fact]
    public void Sql_server_paging_and_insert_clauses_parse()
    {
        var d = SqlServerDialect.Instance;
        AssertParses($"SELECT id FROM parties ORDER BY id {d.PageClause}", "page");
        AssertParses(d.InsertReturningId("(name) VALUES (@Name)", "parties"), "insert");
        AssertParses(d.InsertReturningId("(name) SELECT @Name WHERE @Name IS NOT NULL", "parties"), "insert from a select");
    }

    [Fact]
    public void The_delivery_claim_that_holds_what_it_checked_parses_as_tsql() =>
        AssertParses(Platform.Api.Infrastructure.Outbox.DeliveryStore.Claim(SqlServerDialect.Instance), "DeliveryStore.Claim");

    [Fact]
    public void Statements_built_once_from_a_shared_rule_are_parsed_and_scanned_like_constants()
    {
        var names = SqlConstants().Select(c => c.Name).ToList();
        Assert.Contains("DeliveryStore.FoldIntoPending", names);
        Assert.Contains("DeliveryStore.TakeOverFailedSend", names);
    }

    [Fact]
    public void The_rate_limited_insert_of_received_requests_parses_as_tsql() =>
        AssertParses(Platform.Api.Infrastructure.Callbacks.ReceivedRequestStore.InsertWithinLimit(SqlServerDialect.Instance), "InsertWithinLimit");

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

    /// <summary>The tables that hold one hosted party's data; every statement on them names the party it serves.</summary>
    private static readonly string[] TenantTables =
        ["ocpi_objects", "outbox", "deliveries", "result_posts", "received_requests", "sent_requests", "sync_state"];

    [Fact]
    public void Every_statement_on_a_tenant_table_filters_by_the_hosted_party_or_says_why_not()
    {
        var unscoped = SqlConstantFields()
            .Where(c => c.Field.GetCustomAttribute<AcrossTenantsAttribute>() is null)
            .Where(c => TenantTables.Any(table => Regex.IsMatch(c.Sql, $@"\b{table}\b")))
            // A row the platform already holds by its key (a job's own row) is not a tenant lookup.
            .Where(c => !ByHostedParty().IsMatch(c.Sql) && !ById().IsMatch(c.Sql))
            .Select(c => c.Name)
            .ToList();
        Assert.True(unscoped.Count == 0, "SQL on tenant tables without hosted_party_id (add the filter, or [AcrossTenants(\"why\")]): "
            + string.Join(", ", unscoped));
    }

    // A filter, not a column list: "hosted_party_id = @HostedPartyId", or a join on another table's hosted party, or an insert of it.
    [GeneratedRegex(@"hosted_party_id\s*=\s*(@\w+|\w+\.hosted_party_id)|INSERT\s+INTO\s+\w+\s*\([^)]*hosted_party_id", RegexOptions.IgnoreCase)]
    private static partial Regex ByHostedParty();

    [GeneratedRegex(@"WHERE\s+(\w+\.)?id\s*=\s*@Id\b", RegexOptions.IgnoreCase)]
    private static partial Regex ById();

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
        SqlConstantFields().Where(c => c.Field.DeclaringType!.GetCustomAttribute<SqliteOnlyAttribute>() is null
            && c.Field.GetCustomAttribute<SqliteOnlyAttribute>() is null).Select(c => (c.Name, c.Sql));

    /// <summary>Every SQL constant of the platform (and statement built once at start, as a static readonly string), SQLite-only ones included.</summary>
    private static IEnumerable<(string Name, string Sql, FieldInfo Field)> SqlConstantFields() =>
        typeof(Migrator).Assembly.GetTypes().Where(t => !t.ContainsGenericParameters)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(string) && (f.IsLiteral || f.IsInitOnly))
                .Select(f => (Name: $"{t.Name}.{f.Name}", Sql: (string)(f.IsLiteral ? f.GetRawConstantValue() : f.GetValue(null))!, Field: f)))
            .Where(c => LooksLikeSql().IsMatch(c.Sql))
            .OrderBy(c => c.Name, StringComparer.Ordinal);
}
