using System.Text.RegularExpressions;

namespace Platform.UnitTests.Data;

/// <summary>
/// A grouped request's savepoint is taken when it first asks <c>DbSession.ConnectionAsync</c> for the connection
/// (<c>SqliteGroupCommit.RunOneAsync</c>). A statement run on the transaction's own connection skips that, so a request
/// that then failed would be rolled back without it, and its statement would stay in the group's commit. Only the data
/// layer and the object cache, whose statements belong to the group rather than to one request, may reach the
/// connection that way; this test keeps it so.
/// </summary>
public sealed partial class GroupedStatementRuleTests
{
    private static readonly string[] Allowed =
    [
        "src/Platform.Api/Infrastructure/Data/",
        "src/Platform.Api/Infrastructure/Objects/ObjectCache.cs",
        "src/Platform.Api/Infrastructure/Objects/OcpiObjectStore.cs",
    ];

    [Fact]
    public void Only_the_data_layer_and_the_object_cache_run_statements_on_the_transactions_connection()
    {
        var root = Platform.TestSupport.RepositoryRoot.Path;
        var sources = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .ToList();
        Assert.True(sources.Count > 100, $"only {sources.Count} source files found under {root}/src");

        var offending = sources
            .Where(f => !Allowed.Any(f.StartsWith))
            .SelectMany(f => File.ReadLines(Path.Combine(root, f)).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => TransactionConnection().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0,
            "Ask DbSession.ConnectionAsync for the connection instead (it takes a grouped request's savepoint first):\n" + string.Join("\n", offending));
    }

    [Fact]
    public void The_rule_recognises_each_way_of_reaching_the_connection()
    {
        Assert.Matches(TransactionConnection(), "var c = db.Transaction!.Connection;");
        Assert.Matches(TransactionConnection(), "db.Transaction?.Connection ?? x");
        Assert.Matches(TransactionConnection(), "transaction.Connection!");
        Assert.DoesNotMatch(TransactionConnection(), "await db.ConnectionAsync(ct)");
        Assert.DoesNotMatch(TransactionConnection(), "new CommandDefinition(Sql, args, db.Transaction, cancellationToken: ct)");
    }

    [GeneratedRegex(@"[Tt]ransaction[!?]?\.Connection\b")]
    private static partial Regex TransactionConnection();
}
