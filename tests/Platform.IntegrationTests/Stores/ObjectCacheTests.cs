using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Infrastructure.Objects;
using Platform.Api.Tenancy;

namespace Platform.IntegrationTests.Stores;

/// <summary>
/// The committed-object cache on a real SQLite file: every reader sees a change from its commit on and never
/// before, whether it was written in a transaction of its own or by the grouped writer, and by any host on the file.
/// </summary>
public sealed class ObjectCacheTests : IAsyncLifetime
{
    private const string Owner = "DE*CPO";

    private readonly string _file = Path.Combine(Path.GetTempPath(), "platform-tests", Guid.NewGuid().ToString("N"), "objects.db");
    private readonly List<ServiceProvider> _hosts = [];
    private ServiceProvider _services = null!;
    private ObjectScope _scope = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        UtcDateTimeHandler.Register();
        _services = Host();
        await _services.GetRequiredService<Migrator>().ApplyAsync();
        var party = await InScope(sp => sp.GetRequiredService<PartyStore>().InsertAsync("NL", "MSP", "MSP", "EMSP", null, Ct));
        _scope = new ObjectScope("locations", party, ObjectSide.Received);
    }

    /// <summary>The stores of one platform host on the test's file (or another).</summary>
    private ServiceProvider Host(string? file = null, int megabytes = 64)
    {
        var host = StoreServices.Build(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file ?? _file}") { ObjectCacheMegabytes = megabytes });
        _hosts.Add(host);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }

    [Fact]
    public async Task A_change_reaches_other_readers_at_its_commit_and_a_rolled_back_one_never()
    {
        await SaveAsync("v1");
        Assert.Equal("v1", await ReadAsync());
        Assert.True(_services.GetRequiredService<ObjectCache>().Size.Count > 0, "the read kept the object");

        await using (var scope = _services.CreateAsyncScope())
        {
            var (db, store) = (scope.ServiceProvider.GetRequiredService<DbSession>(), scope.ServiceProvider.GetRequiredService<OcpiObjectStore>());
            await db.BeginAsync(Ct);
            await store.SaveAsync(_scope, Owner, "LOC1", DateTime.UtcNow, Doc("v2"), Ct);
            Assert.Equal("v2", Version(await store.FindAsync(_scope, Owner, "loc1", Ct)));
            Assert.Equal("v1", await ReadAsync());
            await db.RollbackAsync();
            Assert.Equal("v1", Version(await store.FindAsync(_scope, Owner, "LOC1", Ct)));
        }
        Assert.Equal("v1", await ReadAsync());

        await SaveAsync("v3");
        Assert.Equal("v3", await ReadAsync());

        await using (var scope = _services.CreateAsyncScope())
        {
            var (db, store) = (scope.ServiceProvider.GetRequiredService<DbSession>(), scope.ServiceProvider.GetRequiredService<OcpiObjectStore>());
            await db.BeginAsync(Ct);
            Assert.True(await store.DeleteAsync(_scope, Owner, "LOC1", Ct));
            Assert.Null(await store.FindAsync(_scope, Owner, "LOC1", Ct));
            Assert.Equal("v3", await ReadAsync());
            await db.CommitAsync(Ct);
        }
        Assert.Null(await ReadAsync());
    }

    [Fact]
    public async Task A_grouped_request_rolled_back_after_writing_is_not_seen_by_the_next_request_of_its_group_nor_after_it()
    {
        await SaveAsync("v1");
        Assert.Equal("v1", await ReadAsync());
        var group = await OneGroupAsync(
            async store =>
            {
                await store.SaveAsync(_scope, Owner, "LOC1", DateTime.UtcNow, Doc("v2"), Ct);
                return "saved";
            },
            async store =>
            {
                await store.SaveAsync(_scope, Owner, "LOC1", DateTime.UtcNow, Doc("v3"), Ct);
                throw new InvalidOperationException("fails after writing");
            },
            async store => Version(await store.FindAsync(_scope, Owner, "LOC1", Ct)));
        var (first, failing, next) = (group[0], group[1], group[2]);

        Assert.Equal("saved", await first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("v2", await next);
        Assert.Equal(1, _services.GetRequiredService<SqliteGroupCommit>().Commits);
        Assert.Equal("v2", await ReadAsync());
        Assert.Equal("v2", await ReadBehindTheCacheAsync());
    }

    [Fact]
    public async Task A_host_on_the_same_file_sees_the_other_hosts_commits()
    {
        var other = Host();
        await SaveAsync("v1");
        Assert.Equal("v1", await ReadAsync(other));
        await SaveAsync("v2");
        Assert.Equal("v2", await ReadAsync(other));
    }

    [Fact]
    public async Task A_row_read_before_a_commit_is_not_kept_over_it()
    {
        await SaveAsync("v1");
        var cache = _services.GetRequiredService<ObjectCache>();
        var key = new ObjectCacheKey(_scope.Module, _scope.HostedPartyId, _scope.Side, Owner, "LOC1");
        var lookup = await InScope(async sp => cache.Find(key, await sp.GetRequiredService<DbSession>().ConnectionAsync(Ct), null));
        Assert.Null(lookup.Found);
        var read = new StoredObject { OwnerKey = Owner, ObjectKey = "LOC1", ObjectId = "LOC1", Document = Doc("v1") };
        await SaveAsync("v2");
        cache.Keep(key, read, lookup.KeepAfter!.Value);
        Assert.Equal("v2", await ReadAsync());
    }

    [Fact]
    public async Task A_change_another_process_commits_to_the_file_is_seen_by_readers_and_by_the_next_transaction()
    {
        await SaveAsync("v1");
        Assert.Equal("v1", await ReadAsync());
        await WriteAsAnotherProcessAsync("v2");
        Assert.Equal("v2", await ReadAsync());

        Assert.Equal("v2", await Grouped(async store => Version(await store.FindAsync(_scope, Owner, "LOC1", Ct))));
        await WriteAsAnotherProcessAsync("v3");
        Assert.Equal("v3", await Grouped(async store => Version(await store.FindAsync(_scope, Owner, "LOC1", Ct))));
        Assert.Equal("v3", await ReadAsync());
    }

    [Fact]
    public async Task Alone_on_the_file_a_read_trusts_the_cache_and_while_another_process_is_in_it_reads_the_counter()
    {
        var cache = _services.GetRequiredService<ObjectCache>();
        await SaveAsync("v1");
        Assert.Equal("v1", await ReadAsync());
        Assert.True(cache.Alone);

        // Nobody counted in wrote: the database is not looked at. (A writer that does not count itself in is not seen;
        // every platform process on the file does.)
        await WriteBehindTheCacheAsync("v2");
        Assert.Equal("v1", await ReadAsync());

        using (SqliteNodes.Attach(_file))
        {
            Assert.False(cache.Alone);
            Assert.Equal("v2", await ReadAsync());
            await WriteBehindTheCacheAsync("v3");
            Assert.Equal("v3", await ReadAsync());
        }
        // It went after the counter was read since its last write: alone again at once.
        Assert.True(cache.Alone);
        Assert.Equal("v3", await ReadAsync());

        // One that comes, writes and goes between two reads: the next read looks, and then trusts the cache again.
        await WriteAsAnotherProcessAsync("v4");
        Assert.False(cache.Alone);
        Assert.Equal("v4", await ReadAsync());
        Assert.True(cache.Alone);
    }

    [Fact]
    public void A_count_left_by_processes_that_died_is_reset_by_the_next_process_and_a_live_one_is_kept()
    {
        var other = Path.Combine(Path.GetDirectoryName(_file)!, "other.db");
        // What processes killed while counted in leave behind: nobody holds the file's lock any more.
        File.WriteAllBytes(SqliteNodes.PathFor(other), [.. BitConverter.GetBytes(5L), .. BitConverter.GetBytes(9L), .. new byte[48]]);
        using var first = SqliteNodes.Attach(other);
        Assert.True(first.Alone);

        using (var second = SqliteNodes.Attach(other))
        {
            Assert.False(first.Alone);
            Assert.False(second.Alone);
        }
        Assert.False(first.Alone);
        first.Checked(first.Comings);
        Assert.True(first.Alone);
    }

    [Fact]
    public async Task An_object_read_as_missing_is_found_once_written_here_in_the_same_transaction_or_by_another_process()
    {
        Assert.Null(await ReadAsync());
        Assert.Null(await ReadAsync());
        await SaveAsync("v1");
        Assert.Equal("v1", await ReadAsync());

        var tokens = new ObjectScope("tokens", _scope.HostedPartyId, ObjectSide.Own);
        Assert.Equal("v2", await Grouped(async store =>
        {
            Assert.Null(await store.FindAsync(tokens, Owner, "LOC1", Ct));
            await store.SaveAsync(tokens, Owner, "LOC1", DateTime.UtcNow, Doc("v2"), Ct);
            return Version(await store.FindAsync(tokens, Owner, "LOC1", Ct));
        }));
        Assert.Equal("v2", Version(await InScope(sp => sp.GetRequiredService<OcpiObjectStore>().FindAsync(tokens, Owner, "LOC1", Ct))));

        var sessions = new ObjectScope("sessions", _scope.HostedPartyId, ObjectSide.Own);
        Assert.Null(await InScope(sp => sp.GetRequiredService<OcpiObjectStore>().FindAsync(sessions, Owner, "LOC1", Ct)));
        using (SqliteNodes.Attach(_file))
        await using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file};Pooling=False"))
        {
            await other.OpenAsync(Ct);
            await using var transaction = other.BeginTransaction();
            await other.ExecuteAsync(
                "INSERT INTO ocpi_objects (module, hosted_party_id, side, owner_key, object_key, object_id, published, visible, last_updated, document, "
                + "created_at, updated_at) VALUES ('sessions', @HostedPartyId, 'own', @Owner, 'LOC1', 'LOC1', 1, 1, @Now, @Document, @Now, @Now)",
                new { _scope.HostedPartyId, Owner, Now = DateTime.UtcNow, Document = Doc("v3") }, transaction);
            await other.ExecuteAsync("UPDATE cache_generations SET generation = generation + 1 WHERE name = 'ocpi_objects'", transaction: transaction);
            await transaction.CommitAsync(Ct);
        }
        Assert.Equal("v3", Version(await InScope(sp => sp.GetRequiredService<OcpiObjectStore>().FindAsync(sessions, Owner, "LOC1", Ct))));
    }

    /// <summary>
    /// What another node on the file does when it saves an object: it counts itself in on the file, writes the row and the
    /// counter in one transaction, and here goes away again before anyone reads.
    /// </summary>
    private async Task WriteAsAnotherProcessAsync(string version)
    {
        using var node = SqliteNodes.Attach(_file);
        await WriteBehindTheCacheAsync(version);
    }

    /// <summary>The row and the counter as another node writes them, by a process that is not counted in on the file.</summary>
    private async Task WriteBehindTheCacheAsync(string version)
    {
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_file};Pooling=False");
        await other.OpenAsync(Ct);
        await using var transaction = other.BeginTransaction();
        await other.ExecuteAsync("UPDATE ocpi_objects SET document = @Document WHERE hosted_party_id = @HostedPartyId AND object_key = 'LOC1'",
            new { Document = Doc(version), _scope.HostedPartyId }, transaction);
        await other.ExecuteAsync("UPDATE cache_generations SET generation = generation + 1 WHERE name = 'ocpi_objects'", transaction: transaction);
        await transaction.CommitAsync(Ct);
    }

    [Fact]
    public async Task Grouped_saves_of_one_object_are_written_once_at_the_commit_and_read_right_in_between()
    {
        await SaveAsync("v1");
        await InScope(async sp => await (await sp.GetRequiredService<DbSession>().ConnectionAsync(Ct)).ExecuteAsync("""
            CREATE TABLE document_writes (n INTEGER NOT NULL);
            INSERT INTO document_writes VALUES (0);
            CREATE TRIGGER count_document_writes AFTER UPDATE OF document ON ocpi_objects BEGIN UPDATE document_writes SET n = n + 1; END;
            """));
        var writes = await OneGroupAsync(
            store => TreeWriteAsync(store, "v", "v2"),
            store => TreeWriteAsync(store, "v", "v3"),
            async store => Version(await store.FindAsync(_scope, Owner, "LOC1", Ct)),
            store => TreeWriteAsync(store, "v", "v4"),
            // A statement on the table in the group: what was left to the commit is written first.
            async store => Version(Assert.Single(await store.FindByIdAsync(_scope, "LOC1", Ct))),
            store => TreeWriteAsync(store, "v", "v5"));

        Assert.Equal(["v2", "v3", "v3", "v4", "v4", "v5"], await Task.WhenAll(writes));
        Assert.Equal(1, _services.GetRequiredService<SqliteGroupCommit>().Commits);
        Assert.Equal("v5", await ReadAsync());
        Assert.Equal("v5", await ReadBehindTheCacheAsync());
        // Once before the statement (v4), once at the commit (v5): not once per save.
        Assert.Equal(2, await InScope(async sp => await (await sp.GetRequiredService<DbSession>().ConnectionAsync(Ct)).QuerySingleAsync<int>("SELECT n FROM document_writes")));
    }

    [Fact]
    public async Task A_grouped_request_that_fails_after_changing_a_deferred_object_leaves_the_others_changes_whole()
    {
        await SaveAsync("v1");
        var group = await OneGroupAsync(
            store => TreeWriteAsync(store, "a", "1"),
            store => TreeWriteAsync(store, "c", "lost", fail: true),
            store => TreeWriteAsync(store, "b", "2"));
        var (first, failing, last) = (group[0], group[1], group[2]);

        Assert.Equal("1", await first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("2", await last);
        foreach (var read in new[] { await ReadAsync(sp => sp.GetRequiredService<OcpiObjectStore>()), await ReadBehindTheCacheDocumentAsync() })
        {
            Assert.Equal(("1", "2"), ((string?)read["a"], (string?)read["b"]));
            Assert.False(read.ContainsKey("c"), "the failed request's change is not stored");
        }
    }

    [Fact]
    public async Task A_grouped_request_that_fails_after_a_read_wrote_the_earlier_deferred_saves_loses_none_of_them()
    {
        await SaveAsync("v1");
        var group = await OneGroupAsync(
            store => TreeWriteAsync(store, "a", "1"),
            // As a PATCH of a location the group does not hold: its read writes the saves left so far, then it fails,
            // and rolling back to its savepoint would take the first request's change with it.
            async store =>
            {
                Assert.Null(await store.FindAsync(_scope, Owner, "NOT-HELD", Ct));
                throw new InvalidOperationException("unknown location");
            });
        var (first, failing) = (group[0], group[1]);

        Assert.Equal("1", await first);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        foreach (var read in new[] { await ReadAsync(sp => sp.GetRequiredService<OcpiObjectStore>()), await ReadBehindTheCacheDocumentAsync() })
            Assert.Equal("1", (string?)read["a"]);
    }

    /// <summary>
    /// A grouped write as <c>LocationWrites</c> makes one: the tree the last write left (or one of its own) changed, and
    /// saved without its text where the group may leave it to the commit.
    /// </summary>
    private static async Task<string?> TreeWriteAsync(OcpiObjectStore store, ObjectScope scope, string field, string value, bool fail = false)
    {
        var stored = await store.FindAsync(scope, Owner, "LOC1", Ct);
        var tree = stored?.TakeTree() ?? System.Text.Json.Nodes.JsonObject.Create(stored!.Root)!;
        tree[field] = value;
        if (fail) throw new InvalidOperationException("fails after changing the tree");
        await store.SaveAsync(scope, Owner, "LOC1", DateTime.UtcNow, store.DefersWrites ? null : tree.ToJsonString(), Ct, tree: tree);
        return value;
    }

    private Task<string?> TreeWriteAsync(OcpiObjectStore store, string field, string value, bool fail = false) =>
        TreeWriteAsync(store, _scope, field, value, fail);

    private async Task<System.Text.Json.Nodes.JsonObject> ReadAsync(Func<IServiceProvider, OcpiObjectStore> store) =>
        System.Text.Json.Nodes.JsonNode.Parse((await InScope(sp => store(sp).FindAsync(_scope, Owner, "LOC1", Ct)))!.Document)!.AsObject();

    private Task<System.Text.Json.Nodes.JsonObject> ReadBehindTheCacheDocumentAsync() => InScope(async sp =>
    {
        var db = await sp.GetRequiredService<DbSession>().ConnectionAsync(Ct);
        var document = await db.QuerySingleAsync<string>(
            "SELECT document FROM ocpi_objects WHERE hosted_party_id = @HostedPartyId AND object_key = 'LOC1'", new { _scope.HostedPartyId });
        return System.Text.Json.Nodes.JsonNode.Parse(document)!.AsObject();
    });

    [Fact]
    public async Task The_cache_stays_within_its_budget_and_every_object_still_reads_right()
    {
        // A file of its own: the cache of a file is shared, with the budget of the first host that opened it.
        var small = Host(Path.Combine(Path.GetDirectoryName(_file)!, "small.db"), megabytes: 1);
        await small.GetRequiredService<Migrator>().ApplyAsync(Ct);
        var party = await InScope(sp => sp.GetRequiredService<PartyStore>().InsertAsync("NL", "MSP", "MSP", "EMSP", null, Ct), small);
        var scope = new ObjectScope("locations", party, ObjectSide.Received);
        var padding = new string('x', 4000);
        for (var i = 0; i < 100; i++)
        {
            var id = $"LOC{i}";
            await InScope(sp => sp.GetRequiredService<OcpiObjectStore>().SaveAsync(scope, Owner, id, DateTime.UtcNow,
                $$"""{"id":"{{id}}","pad":"{{padding}}"}""", Ct), small);
        }
        for (var i = 0; i < 100; i++)
        {
            var stored = await InScope(sp => sp.GetRequiredService<OcpiObjectStore>().FindAsync(scope, Owner, $"LOC{i}", Ct), small);
            Assert.Equal($"LOC{i}", stored!.Root.GetProperty("id").GetString());
        }
        var (count, bytes) = small.GetRequiredService<ObjectCache>().Size;
        Assert.InRange(bytes, 1, 1024 * 1024);
        Assert.InRange(count, 1, 99);
    }

    [Fact]
    public async Task Writes_that_hand_their_tree_on_do_not_grow_the_counted_size()
    {
        // A PATCH burst: each write takes the tree the last one left and leaves its own (LocationDocument.ForWrite).
        var padding = new string('x', 4000);
        for (var i = 0; i < 200; i++)
        {
            await InScope(async sp =>
            {
                var store = sp.GetRequiredService<OcpiObjectStore>();
                var tree = (await store.FindAsync(_scope, Owner, "LOC1", Ct))?.TakeTree() ?? new System.Text.Json.Nodes.JsonObject();
                tree["v"] = $"v{i}";
                tree["pad"] = padding;
                return await store.SaveAsync(_scope, Owner, "LOC1", DateTime.UtcNow, tree.ToJsonString(), Ct, tree: tree);
            });
        }
        Assert.Equal("v199", await ReadAsync());
        var (count, bytes) = _services.GetRequiredService<ObjectCache>().Size;
        Assert.Equal(1, count);
        // One entry of a ~4 KB document with its tree is counted at about 50 KB.
        Assert.InRange(bytes, 1, 100_000);
    }

    private static string Doc(string version) => $$"""{"id":"LOC1","v":"{{version}}"}""";

    private static string? Version(StoredObject? stored) => stored?.Root.GetProperty("v").GetString();

    private Task SaveAsync(string version) =>
        InScope(sp => sp.GetRequiredService<OcpiObjectStore>().SaveAsync(_scope, Owner, "LOC1", DateTime.UtcNow, Doc(version), Ct));

    private async Task<string?> ReadAsync(ServiceProvider? host = null) =>
        Version(await InScope(sp => sp.GetRequiredService<OcpiObjectStore>().FindAsync(_scope, Owner, "LOC1", Ct), host));

    private Task<string?> ReadBehindTheCacheAsync() => InScope(async sp =>
    {
        var db = await sp.GetRequiredService<DbSession>().ConnectionAsync(Ct);
        var document = await db.QuerySingleAsync<string>(
            "SELECT document FROM ocpi_objects WHERE hosted_party_id = @HostedPartyId AND object_key = 'LOC1'", new { _scope.HostedPartyId });
        return (string?)System.Text.Json.Nodes.JsonNode.Parse(document)!["v"];
    });

    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work, ServiceProvider? host = null)
    {
        await using var scope = (host ?? _services).CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A request of its own scope, run by the grouped writer.</summary>
    /// <summary>
    /// Requests queued while this test holds the write turn, which keeps the writer from starting: one group runs them all.
    /// </summary>
    private async Task<Task<string?>[]> OneGroupAsync(params Func<OcpiObjectStore, Task<string?>>[] requests)
    {
        var gate = _services.GetRequiredService<SqliteWriteGate>();
        await gate.EnterAsync(Ct);
        var queued = requests.Select(r => Grouped(r)).ToArray();
        gate.Exit();
        return queued;
    }

    private Task<T> Grouped<T>(Func<OcpiObjectStore, Task<T>> work) => InScope(sp =>
        sp.GetRequiredService<SqliteGroupCommit>().RunAsync(sp.GetRequiredService<DbSession>(),
            _ => new ValueTask<T>(work(sp.GetRequiredService<OcpiObjectStore>())), Ct).AsTask());
}
