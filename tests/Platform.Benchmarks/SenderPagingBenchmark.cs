using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using Platform.Api.Infrastructure.Data;
using Platform.Api.Infrastructure.Objects;
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

    public static async Task<BenchResult> RunAsync(BenchOptions options)
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

        var seeded = await SeedAsync(cpoHost.DatabaseFile, "own", tenants.Select(t => ("NL*" + t, t)).ToList(), perTenant);
        Console.WriteLine($"P2: seeded {options.Locations:N0} locations in {seeded.TotalSeconds:0.0} s "
            + $"({options.Locations / seeded.TotalSeconds:N0} rows/s), database {new FileInfo(cpoHost.DatabaseFile).Length / 1048576.0:N0} MiB");

        using var http = new HttpClient();
        var url = $"{cpoHost.Url}/ocpi/2.2.1/sender/locations";
        var lastOffset = perTenant - BenchOptions.OcpiPageSize;
        // The last page as a client reaches it: the Link of the page before it, as the server wrote it (with its cursor).
        var (_, lastLink) = await GetPageAsync(http, $"{url}?offset={lastOffset - BenchOptions.OcpiPageSize}&limit={BenchOptions.OcpiPageSize}",
            token, measured, perTenant);
        if (lastLink is null) throw new InvalidOperationException("The page before the last one has no Link");
        var pages = new (string Name, int Offset, string Url)[]
        {
            ("first page", 0, $"{url}?offset=0&limit={BenchOptions.OcpiPageSize}"),
            ("last page, by the Link", lastOffset, lastLink),
            ("last page, by offset (a client's own URL)", lastOffset, $"{url}?offset={lastOffset}&limit={BenchOptions.OcpiPageSize}"),
        };
        foreach (var page in pages)
            for (var i = 0; i < WarmupRequests; i++)
                await GetPageAsync(http, page.Url, token, measured, perTenant);
        var timings = pages.Select(_ => new List<double>()).ToArray();
        Console.WriteLine($"P2: timing {options.Repetitions} GETs of each page of NL*{measured}, alternating...");
        for (var rep = 0; rep < options.Repetitions; rep++)
            for (var p = 0; p < pages.Length; p++)
                timings[p].Add((await GetPageAsync(http, pages[p].Url, token, measured, perTenant)).Ms);

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
        var byOffset = Median(timings[2]) / firstMedian;
        var verdict = string.Create(CultureInfo.InvariantCulture,
            $"Target last/first <= {TargetRatio:0.0}x: {(ratio <= TargetRatio ? "MET" : "NOT MET")} ({ratio:0.00}x following the Link; "
            + $"{byOffset:0.00}x by offset){Environment.NewLine}Last page's Link: {lastLink}{Environment.NewLine}{Environment.NewLine}");

        var sql = await TimeSqlAsync(cpoHost.DatabaseFile, measured, lastOffset);
        var row = new SummaryRow("P2", $"Sender GET locations, last page (by the Link) vs first, {perTenant:N0} of {options.Locations:N0}",
            $"<= {TargetRatio:0.0}x", Report.F(firstMedian, "0.0") + " ms (first page)",
            string.Create(CultureInfo.InvariantCulture, $"{Median(timings[1]):0.0} ms (by offset {byOffset:0.00}x)"), Report.F(ratio, "0.00") + "x",
            ratio <= TargetRatio, options.Quick || options.Smoke ? $"{options.Mode}: {options.Locations:N0} locations, not 1,000,000" : null);
        return new BenchResult(httpTable + verdict + sql, [row]);
    }

    private static async Task<(double Ms, string? Next)> GetPageAsync(HttpClient http, string pageUrl, string token, string tenant, int expectedTotal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pageUrl);
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
                $"GET {pageUrl} answered {(int)response.StatusCode} with {data} locations, X-Total-Count {total}: {body[..Math.Min(body.Length, 300)]}");
        var link = response.Headers.TryGetValues(OcpiHeaders.Link, out var links) ? links.FirstOrDefault() : null;
        return (elapsed, link is null ? null : link[1..link.IndexOf('>', StringComparison.Ordinal)]);
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
    /// <remarks>Each group is a hosted party's key and the NL party id owning its locations (itself for own ones); P5 seeds received ones.</remarks>
    public static async Task<TimeSpan> SeedAsync(string databaseFile, string side, IReadOnlyList<(string HostedKey, string OwnerPartyId)> groups, int perGroup)
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
            VALUES ('locations', $party, $side, $owner, $key, $id, 1, 1, $updated, $document, $now, $now)
            """;
        insert.Parameters.Add("$side", SqliteType.Text).Value = side;
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
        foreach (var (hostedKey, tenant) in groups)
        {
            party.Value = partyIds[hostedKey];
            owner.Value = "NL*" + tenant;
            for (var i = 0; i < perGroup; i++)
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

    /// <summary>
    /// The statements of a Sender list page on their own, read from <see cref="OcpiObjectStore"/> itself so that the
    /// figures are those of the SQL in src: where the time of a page goes.
    /// </summary>
    private static async Task<string> TimeSqlAsync(string databaseFile, string tenant, int lastOffset)
    {
        await using var db = new SqliteConnection($"Data Source={databaseFile}");
        await db.OpenAsync();
        var partyId = await db.ExecuteScalarAsync<long>("SELECT id FROM parties WHERE party_key = @Key", new { Key = "NL*" + tenant });
        // The store asks for one row more than the page, to know whether a next page follows.
        object Args(int offset, string? afterUpdated = null, long afterId = 0) => new
        {
            Module = "locations", HostedPartyId = partyId, Side = "own", From = (string?)null, To = (string?)null, OwnerKey = (string?)null,
            AudienceKey = (string?)null, Offset = offset, Limit = BenchOptions.OcpiPageSize + 1, AfterUpdated = afterUpdated, AfterId = afterId,
        };
        var paging = " " + SqliteDialect.Instance.PageClause;
        var count = StoreSql("CountListed");
        var page = StoreSql("SelectListedPage") + paging;
        var keyset = StoreSql("SelectListedPageAfter") + paging;

        // Where the Link of the page before the last one starts the last page: after the row just before it.
        var (afterUpdated, afterId) = await db.QueryFirstAsync<(string, long)>(
            "SELECT LastUpdated, Id FROM (" + page + ") AS p", Args(lastOffset - 1));

        async Task<double> Time(string sql, object args, int expectedRows)
        {
            var runs = new List<double>();
            for (var i = 0; i < SqlRepetitions + 1; i++)
            {
                var started = Stopwatch.GetTimestamp();
                var rows = (await db.QueryAsync(sql, args)).Count();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (rows != expectedRows) throw new InvalidOperationException($"Expected {expectedRows} rows, got {rows}: {sql}");
                if (i > 0) runs.Add(elapsed);
            }
            return Median(runs);
        }

        var rows = new List<string[]>
        {
            Row("COUNT(*) for X-Total-Count (every page runs it)", await Time(count, Args(0), 1)),
            Row("SELECT page, OFFSET 0", await Time(page, Args(0), BenchOptions.OcpiPageSize + 1)),
            Row($"SELECT page, OFFSET {lastOffset} (a client's own URL)", await Time(page, Args(lastOffset), BenchOptions.OcpiPageSize)),
            Row("SELECT page after the Link's cursor (the last page)", await Time(keyset, Args(0, afterUpdated, afterId), BenchOptions.OcpiPageSize)),
        };
        return Report.Table($"P2 diagnostic: the SQL of src alone on the same file, median of {SqlRepetitions} after one warm-up",
                   ["statement", "median ms"], rows)
               + "query plan of the count: " + await PlanAsync(count, Args(0)) + Environment.NewLine
               + "query plan of the page after the cursor: " + await PlanAsync(keyset, Args(0, afterUpdated, afterId)) + Environment.NewLine;

        async Task<string> PlanAsync(string sql, object args) =>
            string.Join("; ", (await db.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, args))
                .Select(step => step.Detail));

        static string[] Row(string name, double ms) => [name, Report.F(ms, "0.0")];
    }

    private static string StoreSql(string name) =>
        (string)typeof(OcpiObjectStore).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

    private static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    private static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
