using Dapper;
using Platform.Ocpi;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Objects;

/// <summary>
/// SQL for the OCPI objects of every module: one table, the document as JSON plus the columns queries need.
/// Every statement names the module, the hosted party and the side (<see cref="ObjectScope"/>).
/// </summary>
public sealed partial class OcpiObjectStore(DbSession db, TimeProvider clock, ObjectCache? cache = null)
{
    private const string Columns = """
        id AS Id, owner_key AS OwnerKey, object_key AS ObjectKey, object_id AS ObjectId, published AS Published,
        visible AS Visible, audience_key AS AudienceKey, last_updated AS LastUpdated, document AS Document
        """;

    private const string ScopeFilter = "module = @Module AND hosted_party_id = @HostedPartyId AND side = @Side";

    private const string SelectOne = "SELECT " + Columns + " FROM ocpi_objects WHERE " + ScopeFilter
        + " AND owner_key = @OwnerKey AND object_key = @ObjectKey";

    private const string SelectByObjectKey = "SELECT " + Columns + " FROM ocpi_objects WHERE " + ScopeFilter
        + " AND object_key = @ObjectKey ORDER BY owner_key";

    private const string ListFilter = ScopeFilter + """
         AND (@From IS NULL OR last_updated >= @From)
         AND (@To IS NULL OR last_updated < @To)
         AND (@OwnerKey IS NULL OR owner_key = @OwnerKey)
         AND (@AudienceKey IS NULL OR audience_key = @AudienceKey)
        """;

    // What a Sender list shows (L3, L4). Plain equalities, so that ix_ocpi_objects_listed serves both the count and
    // the order without reading a row; "(@OnlyListed = 0 OR ...)" hid them from the planner.
    private const string ListedFilter = ListFilter + " AND visible = 1 AND published = 1";

    // The list of one caller who may also see some unpublished objects (L4), named by key. A filter of its own, so
    // the list of everyone else keeps the plain equalities above.
    private const string ListedOrShownFilter = ListFilter + " AND visible = 1 AND (published = 1 OR object_key IN @Shown)";

    // Keyset: the rows after the cursor in the page order (SQL Server has no row-value comparison).
    private const string AfterCursor = " AND (last_updated > @AfterUpdated OR (last_updated = @AfterUpdated AND id > @AfterId))";

    // Stable order (digest §1.7): oldest change first, the row id breaking ties; the page indexes cover it.
    private const string PageOrder = " ORDER BY last_updated, id";

    private const string PageColumns = "id AS Id, last_updated AS LastUpdated, document AS Document";

    private const string SelectPage = "SELECT " + PageColumns + " FROM ocpi_objects WHERE " + ListFilter + PageOrder;

    private const string SelectPageAfter = "SELECT " + PageColumns + " FROM ocpi_objects WHERE " + ListFilter + AfterCursor + PageOrder;

    private const string SelectListedPage = "SELECT " + PageColumns + " FROM ocpi_objects WHERE " + ListedFilter + PageOrder;

    private const string SelectListedPageAfter = "SELECT " + PageColumns + " FROM ocpi_objects WHERE " + ListedFilter + AfterCursor + PageOrder;

    private const string SelectShownPage = "SELECT " + PageColumns + " FROM ocpi_objects WHERE " + ListedOrShownFilter + PageOrder;

    private const string SelectShownPageAfter = "SELECT " + PageColumns + " FROM ocpi_objects WHERE " + ListedOrShownFilter + AfterCursor + PageOrder;

    private const string CountPage = "SELECT COUNT(*) FROM ocpi_objects WHERE " + ListFilter;

    private const string CountShown = "SELECT COUNT(*) FROM ocpi_objects WHERE " + ListedOrShownFilter;

    private const string SelectUnpublished = "SELECT " + Columns + " FROM ocpi_objects WHERE " + ScopeFilter
        + " AND visible = 1 AND published = 0 ORDER BY id";

    private const string CountListed = "SELECT COUNT(*) FROM ocpi_objects WHERE " + ListedFilter;

    // One statement, so two saves of a new object at once (a push and a pull of it) cannot both insert it (UNIQUE
    // failed under load): the second inserts nothing and updates instead.
    private const string Insert = """
        INSERT INTO ocpi_objects (module, hosted_party_id, side, owner_key, object_key, object_id, published, visible,
                                  audience_key, last_updated, document, created_at, updated_at)
        SELECT @Module, @HostedPartyId, @Side, @OwnerKey, @ObjectKey, @ObjectId, @Published, @Visible,
               @AudienceKey, @LastUpdated, @Document, @Now, @Now
        WHERE NOT EXISTS (SELECT 1 FROM ocpi_objects
                          WHERE module = @Module AND hosted_party_id = @HostedPartyId AND side = @Side AND owner_key = @OwnerKey
                            AND object_key = @ObjectKey)
        """;

    private const string Update = """
        UPDATE ocpi_objects
        SET published = @Published, visible = @Visible, audience_key = @AudienceKey, last_updated = @LastUpdated, document = @Document,
            updated_at = @Now
        WHERE module = @Module AND hosted_party_id = @HostedPartyId AND side = @Side AND owner_key = @OwnerKey AND object_key = @ObjectKey
        """;

    private const string Delete = "DELETE FROM ocpi_objects WHERE " + ScopeFilter + " AND owner_key = @OwnerKey AND object_key = @ObjectKey";

    private const string SelectKeysOfOwner = "SELECT object_key FROM ocpi_objects WHERE " + ScopeFilter + " AND owner_key = @OwnerKey";

    private async Task<IReadOnlyList<T>> Query<T>(string sql, object args, CancellationToken ct)
    {
        await WriteDeferredAsync();
        return (await (await db.ConnectionAsync(ct)).QueryAsync<T>(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct))).ToList();
    }

    private async Task<int> Execute(string sql, object args, CancellationToken ct)
    {
        await WriteDeferredAsync();
        return await (await db.ConnectionAsync(ct)).ExecuteAsync(new CommandDefinition(sql, args, db.Transaction, cancellationToken: ct));
    }

    // A save left to the group's commit stays left only while nothing else in the transaction reads or writes the table.
    private Task WriteDeferredAsync() =>
        db.Transaction is { } transaction && cache is not null && cache.HasDeferred(transaction) ? cache.FlushAsync(transaction) : Task.CompletedTask;

    /// <summary>
    /// Whether a save given its tree may leave writing the document to the group's commit (pass no text then: it is
    /// written once, from the tree, by the commit or by the next statement on the table).
    /// </summary>
    public bool DefersWrites => db.DefersObjectWrites && cache is { Enabled: true };

    // The cache's lookups run no statement of the request's: in a transaction they take its connection, since asking the
    // session for one counts as a statement (a grouped request's savepoint is taken then).
    private async ValueTask<System.Data.Common.DbConnection> CacheConnectionAsync(CancellationToken ct) =>
        db.Transaction?.Connection ?? await db.ConnectionAsync(ct);

    /// <summary>The object as this session sees it: from the <see cref="ObjectCache"/> when it holds it, else read (and kept there).</summary>
    public async Task<StoredObject?> FindAsync(ObjectScope scope, string ownerKey, string objectId, CancellationToken ct)
    {
        var key = ObjectCacheKey.Of(scope, ownerKey, objectId);
        if (db.Transaction is null && cache is not null && cache.TryFindCommitted(key, out var committed)) return committed;
        var (known, cached, keepAfter) = cache is null ? default : cache.Find(key, await CacheConnectionAsync(ct), db.Transaction);
        if (known) return cached;
        var stored = (await Query<StoredObject>(SelectOne, new { scope.Module, scope.HostedPartyId, scope.Side, OwnerKey = ownerKey, key.ObjectKey }, ct))
            .SingleOrDefault();
        if (keepAfter is { } after) cache!.Keep(key, stored, after);
        return stored;
    }

    /// <summary>Objects with this id from any owner (a receiver may hold the same id from two CPOs).</summary>
    public Task<IReadOnlyList<StoredObject>> FindByIdAsync(ObjectScope scope, string objectId, CancellationToken ct) =>
        Query<StoredObject>(SelectByObjectKey, new { scope.Module, scope.HostedPartyId, scope.Side, ObjectKey = CiString.Key(objectId) }, ct);

    /// <summary>
    /// Inserts or replaces the object; true when it is new. <paramref name="tree"/>: the tree the document was written
    /// from, handed to the next write of the object (<see cref="StoredObject.TakeTree"/>); the caller must not touch it after.
    /// <paramref name="document"/> may be null only with a tree, when <see cref="DefersWrites"/>: an update of an object
    /// the group holds is then left to its commit, and anything else writes the tree's text now.
    /// </summary>
    public async Task<bool> SaveAsync(ObjectScope scope, string ownerKey, string objectId, DateTime lastUpdated, string? document,
        CancellationToken ct, bool published = true, bool visible = true, string? audienceKey = null, JsonObject? tree = null)
    {
        if (document is null && tree is null) throw new ArgumentNullException(nameof(document), "A save without its text needs its tree");
        var now = clock.GetUtcNow().UtcDateTime;
        object Args(string text) => new
        {
            scope.Module, scope.HostedPartyId, scope.Side, OwnerKey = ownerKey, ObjectKey = CiString.Key(objectId), ObjectId = objectId,
            Published = published, Visible = visible, AudienceKey = audienceKey, LastUpdated = lastUpdated, Document = text, Now = now,
        };
        var key = ObjectCacheKey.Of(scope, ownerKey, objectId);
        var created = false;
        await InWriteAsync(async transaction =>
        {
            // The row as it stood, when known without a read: an update keeps its id and object id.
            var before = cache?.Find(key, await CacheConnectionAsync(ct), transaction).Found;
            // The row as it now stands in the transaction; with no text, a version whose text the tree writes when asked.
            StoredObject Version(StoredObject row, string? text) => new()
            {
                Id = row.Id, OwnerKey = ownerKey, ObjectKey = key.ObjectKey, ObjectId = row.ObjectId, Published = published, Visible = visible,
                AudienceKey = audienceKey, LastUpdated = lastUpdated, Document = text ?? "", Deferred = text is null, Tree = tree,
            };
            if (document is null && before is not null && transaction is not null && DefersWrites && !VersionedModules.Contains(scope.Module))
            {
                var deferred = Version(before, null);
                // Run by the commit (or the next statement here) on the group's connection: this request's session has left it by then.
                if (cache!.Defer(key, deferred, t => t.Connection!.ExecuteAsync(new CommandDefinition(Update, Args(deferred.Document), t)), transaction))
                    return;
            }
            document ??= tree!.ToJsonString(Platform.Ocpi.Json.OcpiJson.Options);
            var args = Args(document);
            await KeepVersionAsync(scope, ownerKey, key.ObjectKey, lastUpdated, document, now, ct);
            if (await Execute(Update, args, ct) == 0)
            {
                created = await Execute(Insert, args, ct) > 0;
                if (!created) await Execute(Update, args, ct);
            }
            if (transaction is not null) cache?.Wrote(key, created || before is null ? null : Version(before, document), transaction);
        }, ct);
        return created;
    }

    // With the cache, a write always runs in a transaction (the caller's, or one of its own), so the cache hears of it at
    // its commit; without it (SQL Server), as the caller runs it.
    private Task InWriteAsync(Func<System.Data.Common.DbTransaction?, Task> write, CancellationToken ct) =>
        cache is { Enabled: true } ? db.InTransactionAsync(() => write(db.Transaction!), ct) : write(db.Transaction);

    /// <summary>Objects in the scope hidden from the lists only because they are not published, at most <paramref name="limit"/>, oldest first.</summary>
    public Task<IReadOnlyList<StoredObject>> UnpublishedAsync(ObjectScope scope, int limit, CancellationToken ct) =>
        Query<StoredObject>(SelectUnpublished + " " + db.Dialect.PageClause,
            new { scope.Module, scope.HostedPartyId, scope.Side, Offset = 0, Limit = limit }, ct);

    /// <summary>The keys (<see cref="CiString.Key"/>) of every object of one owner in the scope.</summary>
    public Task<IReadOnlyList<string>> KeysOfOwnerAsync(ObjectScope scope, string ownerKey, CancellationToken ct) =>
        Query<string>(SelectKeysOfOwner, new { scope.Module, scope.HostedPartyId, scope.Side, OwnerKey = ownerKey }, ct);

    public async Task<bool> DeleteAsync(ObjectScope scope, string ownerKey, string objectId, CancellationToken ct)
    {
        var key = ObjectCacheKey.Of(scope, ownerKey, objectId);
        var deleted = false;
        await InWriteAsync(async transaction =>
        {
            deleted = await Execute(Delete, new { scope.Module, scope.HostedPartyId, scope.Side, OwnerKey = ownerKey, key.ObjectKey }, ct) > 0;
            if (transaction is not null) cache?.Wrote(key, null, transaction);
        }, ct);
        return deleted;
    }

    /// <summary>
    /// One page of documents in stable order, the total matching the filter (offset and limit ignored), and the cursor
    /// after the page's last object when another follows. With <paramref name="after"/> the page starts there and
    /// <paramref name="offset"/> is not used.
    /// </summary>
    public async Task<ObjectPage> PageAsync(ObjectScope scope, ObjectFilter filter, int offset, int limit, CancellationToken ct,
        PageCursor? after = null)
    {
        var args = new
        {
            scope.Module, scope.HostedPartyId, scope.Side, filter.From, filter.To, filter.OwnerKey, filter.AudienceKey,
            Offset = after is null ? offset : 0, Limit = limit + 1, AfterUpdated = after?.LastUpdated, AfterId = after?.Id,
            Shown = filter.AlsoShown ?? [],
        };
        var (count, first, next) = filter switch
        {
            { OnlyListed: true, AlsoShown.Count: > 0 } => (CountShown, SelectShownPage, SelectShownPageAfter),
            { OnlyListed: true } => (CountListed, SelectListedPage, SelectListedPageAfter),
            _ => (CountPage, SelectPage, SelectPageAfter),
        };
        var total = (await Query<int>(count, args, ct)).Single();
        if (limit == 0 || (after is null && total <= offset)) return new ObjectPage([], total, null);
        var select = after is null ? first : next;
        // One row more than the page tells whether a next page exists, whatever the total did meanwhile.
        var rows = await Query<PageRow>(select + " " + db.Dialect.PageClause, args, ct);
        var page = rows.Take(limit).ToList();
        var cursor = rows.Count > limit ? new PageCursor(page[^1].LastUpdated, page[^1].Id) : null;
        return new ObjectPage(page.Select(r => r.Document).ToList(), total, cursor);
    }

    private sealed class PageRow
    {
        public long Id { get; init; }
        public DateTime LastUpdated { get; init; }
        public string Document { get; init; } = "";
    }
}

/// <summary>A page of documents, the total of the list, and where the next page starts (null: this is the last).</summary>
public sealed record ObjectPage(IReadOnlyList<string> Documents, int Total, PageCursor? Next);
