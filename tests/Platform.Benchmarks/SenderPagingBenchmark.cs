using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.Ocpi.Transport;

namespace Platform.Benchmarks;

/// <summary>
/// P2: the Sender's GET locations list of one hosted CPO among many, first page against last page, with the
/// ocpi_objects table seeded straight into SQLite: publishing a million locations one request at a time would take
/// far longer than the measurement itself.
/// </summary>
public static class SenderPagingBenchmark
{
    public const double TargetRatio = 1.5;

    private const int WarmupRequests = 3;
    private const int SqlRepetitions = 5;

    public static async Task<string> RunAsync(BenchOptions options)
    {
        var perTenant = options.Locations / options.Tenants;
        var tenants = Enumerable.Range(0, options.Tenants).Select(i => $"C{i:00}").ToArray();
        var measured = tenants[options.Tenants / 2];
        Console.WriteLine($"P2: setting up a platform hosting {options.Tenants} CPOs and an eMSP platform (DE*MSP) registered with it...");
        await using var cpoHost = await BenchPlatform.StartAsync("p2-cpos", options);
        await using var emsp = await BenchPlatform.StartAsync("p2-emsp", options);
        foreach (var tenant in tenants) await cpoHost.CreatePartyAsync("NL", tenant, "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        var (_, emspConnection) = await BenchPlatform.ConnectAsync(cpoHost, tenants.Select(t => "NL*" + t).ToArray(), emsp, ["DE*MSP"]);
        var token = await emsp.HeldTokenAsync(emspConnection);
        // The eMSP pulls once on registration: let that run on empty CPOs, so no pull of the seeded rows competes with the timing.
        await WaitForFirstResyncAsync(emsp, emspConnection, options.Tenants);

        var seeded = await SeedAsync(cpoHost.DatabaseFile, tenants, perTenant);
        Console.WriteLine($"P2: seeded {options.Locations:N0} locations in {seeded.TotalSeconds:0.0} s "
            + $"({options.Locations / seeded.TotalSeconds:N0} rows/s), database {new FileInfo(cpoHost.DatabaseFile).Length / 1048576.0:N0} MiB");

        using var http = new HttpClient();
        var url = $"{cpoHost.Url}/ocpi/2.2.1/sender/locations";
        var lastOffset = perTenant - BenchOptions.OcpiPageSize;
        var pages = new (string Name, int Offset)[] { ("first page", 0), ("last page", lastOffset) };
        foreach (var (_, offset) in pages)
            for (var i = 0; i < WarmupRequests; i++)
                await GetPageAsync(http, url, offset, token, measured, perTenant);
        var timings = pages.Select(_ => new List<double>()).ToArray();
        Console.WriteLine($"P2: timing {options.Repetitions} GETs of each page of NL*{measured}, alternating...");
        for (var rep = 0; rep < options.Repetitions; rep++)
            for (var p = 0; p < pages.Length; p++)
                timings[p].Add(await GetPageAsync(http, url, pages[p].Offset, token, measured, perTenant));

        var firstMedian = Median(timings[0]);
        var httpTable = Report.Table(
            $"P2 Sender GET locations (limit {BenchOptions.OcpiPageSize}) of NL*{measured}: {options.Locations:N0} locations over "
            + $"{options.Tenants} hosted CPOs ({perTenant:N0} each), {options.Repetitions} sequential GETs per page after {WarmupRequests} warm-up",
            ["page", "offset", "median ms", "p95 ms", "min ms", "max ms", "ratio (median)"],
            pages.Select((page, p) => new[]
            {
                page.Name, page.Offset.ToString(CultureInfo.InvariantCulture), Report.F(Median(timings[p]), "0.0"),
                Report.F(Percentile(timings[p], 95), "0.0"), Report.F(timings[p].Min(), "0.0"), Report.F(timings[p].Max(), "0.0"),
                Report.F(Median(timings[p]) / firstMedian, "0.00"),
            }));
        var ratio = Median(timings[1]) / firstMedian;
        var verdict = string.Create(CultureInfo.InvariantCulture,
            $"Target last/first <= {TargetRatio:0.0}x: {(ratio <= TargetRatio ? "MET" : "NOT MET")} ({ratio:0.00}x){Environment.NewLine}{Environment.NewLine}");

        var sql = await TimeSqlAsync(cpoHost.DatabaseFile, measured, lastOffset);
        return httpTable + verdict + sql;
    }

    private static async Task<double> GetPageAsync(HttpClient http, string url, int offset, string token, string tenant, int expectedTotal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}?offset={offset}&limit={BenchOptions.OcpiPageSize}");
        request.Headers.TryAddWithoutValidation(OcpiHeaders.Authorization, CredentialsTokenHeader.Encode(token));
        request.Headers.TryAddWithoutValidation(OcpiHeaders.RequestId, Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation(OcpiHeaders.CorrelationId, Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation(OcpiHeaders.FromCountryCode, "DE");
        request.Headers.TryAddWithoutValidation(OcpiHeaders.FromPartyId, "MSP");
        request.Headers.TryAddWithoutValidation(OcpiHeaders.ToCountryCode, "NL");
        request.Headers.TryAddWithoutValidation(OcpiHeaders.ToPartyId, tenant);

        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        var data = (JsonNode.Parse(body)?["data"] as JsonArray)?.Count;
        var total = response.Headers.TryGetValues(OcpiHeaders.TotalCount, out var values) ? values.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode || data != BenchOptions.OcpiPageSize || total != expectedTotal.ToString(CultureInfo.InvariantCulture))
            throw new InvalidOperationException(
                $"GET offset {offset} answered {(int)response.StatusCode} with {data} locations, X-Total-Count {total}: {body[..Math.Min(body.Length, 300)]}");
        return elapsed;
    }

    private static async Task WaitForFirstResyncAsync(BenchPlatform emsp, string connectionId, int owners)
    {
        await using var db = new SqliteConnection($"Data Source={emsp.DatabaseFile}");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var pulled = await db.ExecuteScalarAsync<int>(
                "SELECT COUNT(*) FROM sync_state WHERE connection_id = @Id AND module = 'locations' AND last_attempt_at IS NOT NULL", new { Id = connectionId });
            if (pulled >= owners) return;
            await Task.Delay(200);
        }
        Console.WriteLine("P2: warning: the eMSP's first resync did not show in 30 s; it may pull during the measurement");
    }

    /// <summary>
    /// One transaction of prepared INSERTs with the columns OcpiObjectStore writes: key columns upper-case, times in
    /// the fixed-width SQLite form (UtcDateTimeHandler), every location published and visible, one EVSE each.
    /// </summary>
    private static async Task<TimeSpan> SeedAsync(string databaseFile, string[] tenants, int perTenant)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = new SqliteConnection($"Data Source={databaseFile}");
        await db.OpenAsync();
        // Only this connection: a big page cache keeps the two indexes' inserts off the disk until commit.
        await db.ExecuteAsync("PRAGMA cache_size = -262144; PRAGMA busy_timeout = 10000;");
        var partyIds = (await db.QueryAsync<(long Id, string Key)>("SELECT id, party_key FROM parties")).ToDictionary(p => p.Key, p => p.Id);

        await using var transaction = (SqliteTransaction)await db.BeginTransactionAsync();
        await using var insert = db.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO ocpi_objects (module, hosted_party_id, side, owner_key, object_key, object_id, published, visible,
                                      last_updated, document, created_at, updated_at)
            VALUES ('locations', $party, 'own', $owner, $key, $id, 1, 1, $updated, $document, $now, $now)
            """;
        var party = insert.Parameters.Add("$party", SqliteType.Integer);
        var owner = insert.Parameters.Add("$owner", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var updated = insert.Parameters.Add("$updated", SqliteType.Text);
        var document = insert.Parameters.Add("$document", SqliteType.Text);
        var now = insert.Parameters.Add("$now", SqliteType.Text);
        now.Value = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        insert.Prepare();

        var origin = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var tenant in tenants)
        {
            party.Value = partyIds["NL*" + tenant];
            owner.Value = "NL*" + tenant;
            for (var i = 0; i < perTenant; i++)
            {
                var locationId = $"LOC{i:0000000}";
                var at = origin.AddSeconds(i);
                id.Value = locationId;
                key.Value = locationId;
                updated.Value = at.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
                document.Value = Document(tenant, locationId, at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                await insert.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
        // Fold the WAL (as large as the seed) into the database, so the GETs read it as a long-running one would.
        await db.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        return Stopwatch.GetElapsedTime(started);
    }

    private static string Document(string partyId, string id, string lastUpdated) =>
        $$"""{"country_code":"NL","party_id":"{{partyId}}","id":"{{id}}","publish":true,"address":"Stationsplein 1","city":"Utrecht","postal_code":"3511 ED","country":"NLD","coordinates":{"latitude":"52.090100","longitude":"5.109600"},"evses":[{"uid":"1","evse_id":"NL*{{partyId}}*E1","status":"AVAILABLE","connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET","power_type":"AC_3_PHASE","max_voltage":230,"max_amperage":16,"last_updated":"{{lastUpdated}}"}],"last_updated":"{{lastUpdated}}"}],"time_zone":"Europe/Amsterdam","last_updated":"{{lastUpdated}}"}""";

    // The filter of OcpiObjectStore.PageAsync as the Sender list runs it (no dates, no owner, listed only).
    private const string ListFilter = """
        module = @Module AND hosted_party_id = @HostedPartyId AND side = @Side
         AND (@From IS NULL OR last_updated >= @From)
         AND (@To IS NULL OR last_updated < @To)
         AND (@OwnerKey IS NULL OR owner_key = @OwnerKey)
         AND (@OnlyListed = 0 OR (visible = 1 AND published = 1))
        """;

    /// <summary>
    /// The page's two statements on their own, then the proposed fix on the same file: where the time goes, and what
    /// a keyset page and an index holding the listed flags would save. Runs last, since it adds an index.
    /// </summary>
    private static async Task<string> TimeSqlAsync(string databaseFile, string tenant, int lastOffset)
    {
        await using var db = new SqliteConnection($"Data Source={databaseFile}");
        await db.OpenAsync();
        var partyId = await db.ExecuteScalarAsync<long>("SELECT id FROM parties WHERE party_key = @Key", new { Key = "NL*" + tenant });
        object Args(int offset, string? afterUpdated = null, long afterId = 0) => new
        {
            Module = "locations", HostedPartyId = partyId, Side = "own", From = (string?)null, To = (string?)null, OwnerKey = (string?)null,
            OnlyListed = 1, Offset = offset, Limit = BenchOptions.OcpiPageSize, AfterUpdated = afterUpdated, AfterId = afterId,
        };
        const string page = "SELECT document FROM ocpi_objects WHERE " + ListFilter + " ORDER BY last_updated, id LIMIT @Limit OFFSET @Offset";
        const string count = "SELECT COUNT(*) FROM ocpi_objects WHERE " + ListFilter;
        const string keyset = "SELECT document FROM ocpi_objects WHERE " + ListFilter
            + " AND (last_updated, id) > (@AfterUpdated, @AfterId) ORDER BY last_updated, id LIMIT @Limit";

        // The keyset page starts after the last row of the page before the last one: what a Link URL would carry.
        var (afterUpdated, afterId) = await db.QuerySingleAsync<(string, long)>(
            "SELECT last_updated, id FROM ocpi_objects WHERE " + ListFilter + " ORDER BY last_updated, id LIMIT 1 OFFSET @Offset", Args(lastOffset - 1));

        async Task<double> Time(string sql, object args, int expectedRows)
        {
            var runs = new List<double>();
            for (var i = 0; i < SqlRepetitions + 1; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var rows = (await db.QueryAsync<string>(sql, args)).Count();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (rows != expectedRows) throw new InvalidOperationException($"Expected {expectedRows} rows, got {rows}: {sql}");
                if (i > 0) runs.Add(elapsed);
            }
            return Median(runs);
        }

        var rows = new List<string[]>
        {
            Row("COUNT(*) for X-Total-Count (both pages run it)", await Time(count, Args(0), 1)),
            Row("SELECT page, OFFSET 0", await Time(page, Args(0), BenchOptions.OcpiPageSize)),
            Row($"SELECT page, OFFSET {lastOffset}", await Time(page, Args(lastOffset), BenchOptions.OcpiPageSize)),
            Row("keyset SELECT of the last page (not in src: the proposed fix)", await Time(keyset, Args(0, afterUpdated, afterId), BenchOptions.OcpiPageSize)),
        };
        var plan = await PlanAsync(page, Args(lastOffset));

        // The proposal's other half, tried on this throw-away file only: the listed flags in the index, and the
        // listed filter as plain equalities, so the count and the rows skipped never touch the table.
        var indexed = Stopwatch.GetTimestamp();
        await db.ExecuteAsync(
            "CREATE INDEX ix_bench_listed ON ocpi_objects (module, hosted_party_id, side, visible, published, last_updated, id)", commandTimeout: 600);
        var indexSeconds = Stopwatch.GetElapsedTime(indexed).TotalSeconds;
        const string listed = "module = @Module AND hosted_party_id = @HostedPartyId AND side = @Side AND visible = 1 AND published = 1";
        const string listedCount = "SELECT COUNT(*) FROM ocpi_objects WHERE " + listed;
        const string listedPage = "SELECT document FROM ocpi_objects WHERE " + listed + " ORDER BY last_updated, id LIMIT @Limit OFFSET @Offset";
        const string listedKeyset = "SELECT document FROM ocpi_objects WHERE " + listed
            + " AND (last_updated, id) > (@AfterUpdated, @AfterId) ORDER BY last_updated, id LIMIT @Limit";
        rows.Add(Row($"with ix_bench_listed (built in {indexSeconds:0.0} s): COUNT(*), listed as equalities", await Time(listedCount, Args(0), 1)));
        rows.Add(Row($"with ix_bench_listed: SELECT page, OFFSET {lastOffset}", await Time(listedPage, Args(lastOffset), BenchOptions.OcpiPageSize)));
        rows.Add(Row("with ix_bench_listed: keyset SELECT of the last page", await Time(listedKeyset, Args(0, afterUpdated, afterId), BenchOptions.OcpiPageSize)));
        var listedPlan = await PlanAsync(listedPage, Args(lastOffset));
        return Report.Table($"P2 diagnostic: the SQL alone on the same file, median of {SqlRepetitions} after one warm-up",
                   ["statement", "median ms"], rows)
               + "query plan of the page SELECT: " + plan + Environment.NewLine
               + "query plan with ix_bench_listed: " + listedPlan + Environment.NewLine;

        async Task<string> PlanAsync(string sql, object args) =>
            string.Join("; ", (await db.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, args))
                .Select(step => step.Detail));

        static string[] Row(string name, double ms) => [name, Report.F(ms, "0.0")];
    }

    private static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    private static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
