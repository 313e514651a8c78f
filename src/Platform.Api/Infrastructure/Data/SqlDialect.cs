namespace Platform.Api.Infrastructure.Data;

/// <summary>
/// The few things SQLite and SQL Server really write differently. Everything else is one SQL text for both;
/// a unit test parses every statement as T-SQL.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Appended after an ORDER BY: the page of <c>@Limit</c> rows after skipping <c>@Offset</c>.</summary>
    public abstract string PageClause { get; }

    /// <summary>Appended to an INSERT's column list … VALUES (or … SELECT) to get the new identity back.</summary>
    public abstract string InsertReturningId(string insertColumnsAndValues, string table);

    /// <summary>
    /// Put after a table read by a statement that writes what it read (a count before an insert): the rows read,
    /// and the gaps between them, stay locked until the statement ends, so two such statements take turns.
    /// </summary>
    public abstract string ReadForWrite { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteDialect.Instance,
        DatabaseProvider.SqlServer => SqlServerDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}

public sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string PageClause => "LIMIT @Limit OFFSET @Offset";

    // INSERT INTO t (a, b) VALUES (@A, @B) RETURNING id
    public override string InsertReturningId(string insertColumnsAndValues, string table) =>
        $"INSERT INTO {table} {insertColumnsAndValues} RETURNING id";

    // A statement that writes holds the database's write lock from its first step, reads included.
    public override string ReadForWrite => "";
}

public sealed class SqlServerDialect : SqlDialect
{
    public static readonly SqlServerDialect Instance = new();

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string PageClause => "OFFSET @Offset ROWS FETCH NEXT @Limit ROWS ONLY";

    // INSERT INTO t (a, b) OUTPUT INSERTED.id VALUES (@A, @B), or … OUTPUT INSERTED.id SELECT …: after the column list.
    public override string InsertReturningId(string insertColumnsAndValues, string table)
    {
        var source = insertColumnsAndValues.IndexOf(')') + 1;
        return $"INSERT INTO {table} {insertColumnsAndValues[..source]} OUTPUT INSERTED.id{insertColumnsAndValues[source..]}";
    }

    // Update locks held to the end (serializable range): a second reader waits instead of counting the same rows.
    public override string ReadForWrite => " WITH (UPDLOCK, HOLDLOCK)";
}
