using System.Text.Json;
using Platform.Api.Infrastructure.Peers;
using Platform.Api.Infrastructure.Sync;
using Platform.Api.Modules.Versions;
using Platform.Ocpi.Json;
using Platform.Ocpi.Model.Cdrs;
using Platform.Ocpi.Model.Locations;
using Platform.Ocpi.Model.Sessions;
using Platform.Ocpi.Model.Tariffs;
using Platform.Ocpi.Model.Tokens;
using Platform.Ocpi.Model.Versions;
using Platform.Ocpi.Transport;
using Platform.Ocpi.Validation;

namespace Platform.Api.Infrastructure.Probes;

/// <summary>A module whose Sender interface the probe reads: who owns its objects, who receives them, how to check one.</summary>
/// <param name="Problem">What is wrong with one object read as the 2.2.1 model (after the connection's version's translation).</param>
/// <param name="Required211">Fields 2.1.1 requires that the model does not (so its translation cannot tell they were missing).</param>
public sealed record ProbedSender(string Module, Role Owner, Role Receiver, WireKind Kind, string ObjectSpec, Func<JsonElement, string?> Problem,
    string[]? Required211 = null)
{
    public static readonly IReadOnlyList<ProbedSender> All =
    [
        new(ModuleIds.Locations, Role.CPO, Role.EMSP, WireKind.Location, ProbeSpecs.Object("locations", "Location"), e => WireCheck.Read<Location>(e).Problem,
            ["type", "postal_code"]),
        new(ModuleIds.Tariffs, Role.CPO, Role.EMSP, WireKind.Tariff, ProbeSpecs.Object("tariffs", "Tariff"), e => WireCheck.Read<Tariff>(e).Problem),
        new(ModuleIds.Sessions, Role.CPO, Role.EMSP, WireKind.Session, ProbeSpecs.Object("sessions", "Session"), e => WireCheck.Read<Session>(e).Problem),
        new(ModuleIds.Cdrs, Role.CPO, Role.EMSP, WireKind.Cdr, ProbeSpecs.Object("cdrs", "CDR"), e => WireCheck.Read<Cdr>(e).Problem),
        new(ModuleIds.Tokens, Role.EMSP, Role.CPO, WireKind.Token, ProbeSpecs.Object("tokens", "Token"), e => WireCheck.Read<Token>(e).Problem),
    ];

    /// <summary>What is wrong with one object as the peer sent it, judged by the rules of the connection's version.</summary>
    public string? ProblemOf(ProbeRun run, JsonElement wire, PartyRef ours, PartyRef? theirs)
    {
        var missing = run.Is211 && wire.ValueKind == JsonValueKind.Object
            ? (Required211 ?? []).Where(f => !wire.TryGetProperty(f, out var v) || v.ValueKind == JsonValueKind.Null).ToList()
            : [];
        var problems = missing.Select(f => $"{f}: is required in OCPI 2.1.1").ToList();
        if (run.ModelProblem(Kind, wire, ours, theirs, Problem) is { } problem) problems.Add(problem);
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }
}

/// <summary>
/// For every Sender the peer offers: a GET with <c>limit=1</c> (paging headers, a list, envelope, echoed ids), its
/// <c>Link</c> followed as given, the date filters, and every object read checked with our validators.
/// </summary>
public static class SenderChecks
{
    private const string NotRead = "the first page could not be read";

    public static async Task RunAsync(ProbeRun run, ProbedSender sender, CancellationToken ct)
    {
        if (PeerEndpoints.Find(run.Connection, sender.Module, InterfaceRole.SENDER) is not { } url) return;
        var m = sender.Module;
        if (run.Ours(sender.Receiver) is not { } ours)
        {
            run.Skip($"{m}: Sender GET", m, ProbeSpecs.PagingHeaders, $"no hosted {sender.Receiver} on this connection to read {m} as");
            return;
        }
        var theirs = run.Theirs(sender.Owner);
        var first = await run.Calls.GetAsync(WithQuery(url, sender, ("limit", "1")), ours, theirs, ct);

        var envelope = first.EnvelopeProblem() ?? (first.IsSuccess ? null : $"answered {first.Outcome}");
        run.Judge($"{m}: envelope and timestamp", m, ProbeSpecs.Envelope, envelope, "a success envelope with a well-formed timestamp", first);
        if (first.Unreachable is not null || !first.IsSuccess)
        {
            SkipAll(run, sender, NotRead, paging: true, list: true);
            return;
        }
        EchoedIds(run, m, first);
        var total = Count(first.Header(OcpiHeaders.TotalCount));
        var missing = new[] { (OcpiHeaders.TotalCount, total), (OcpiHeaders.Limit, Count(first.Header(OcpiHeaders.Limit))) }
            .Where(h => h.Item2 is null).Select(h => h.Item1).ToList();
        run.Judge($"{m}: X-Total-Count and X-Limit", m, ProbeSpecs.PagingHeaders,
            missing.Count == 0 ? null : $"the answer to a GET with limit=1 has no {string.Join(" and no ", missing)} (a whole number)",
            $"X-Total-Count {total}, X-Limit {first.Header(OcpiHeaders.Limit)}", first);

        if (first.Data.ValueKind != JsonValueKind.Array)
        {
            run.Fail($"{m}: data is a list", m, ProbeSpecs.List,
                $"data is a JSON {ConfigurationChecks.Kind(first.Data)} where the spec requires a list, even of one object", first);
            SkipAll(run, sender, "data is not a list", paging: false, list: false);
            return;
        }
        var objects = first.Data.EnumerateArray().ToList();
        run.Pass($"{m}: data is a list", m, ProbeSpecs.List, $"a list of {objects.Count} object(s)", first);

        objects.AddRange(await FollowLinkAsync(run, m, first, objects, total, ours, theirs, ct));
        await DateFiltersAsync(run, sender, url, objects, ours, theirs, ct);
        CheckObjects(run, sender, objects, ours, theirs);
    }

    private static void EchoedIds(ProbeRun run, string m, ProbeExchange answer)
    {
        if (run.Is211)
        {
            run.Skip(RequestIdsCheck(m), m, ProbeSpecs.RequestIds, "OCPI 2.1.1 has no X-Request-ID or X-Correlation-ID, so there is nothing to echo");
            return;
        }
        var (requestId, correlationId) = answer.Answer!.SentIds;
        var problems = new List<string>();
        if (answer.Header(OcpiHeaders.RequestId) is var r && r != requestId) problems.Add($"X-Request-ID is {r ?? "missing"}, not the {requestId} sent");
        if (answer.Header(OcpiHeaders.CorrelationId) is var c && c != correlationId) problems.Add($"X-Correlation-ID is {c ?? "missing"}, not the {correlationId} sent");
        run.Judge(RequestIdsCheck(m), m, ProbeSpecs.RequestIds, problems.Count == 0 ? null : string.Join("; ", problems),
            "both echoed", answer);
    }

    private static string RequestIdsCheck(string m) => $"{m}: X-Request-ID and X-Correlation-ID echoed";

    private static async Task<List<JsonElement>> FollowLinkAsync(ProbeRun run, string m, ProbeExchange first, List<JsonElement> page, int? total,
        PartyRef ours, PartyRef? theirs, CancellationToken ct)
    {
        var name = $"{m}: Link followable";
        var link = ResyncJob.NextLink(first.Answer!.Headers?.TryGetValues(OcpiHeaders.Link, out var values) == true ? values : []);
        if (link is null)
        {
            run.Judge(name, m, ProbeSpecs.Link, total > page.Count ? $"X-Total-Count is {total} and the first page held {page.Count}, but there is no Link to the next page" : null,
                "no Link, and none is due: the first page holds every object", first);
            return [];
        }
        if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            run.Fail(name, m, ProbeSpecs.Link, $"the Link '{link}' is not an absolute http(s) URL", first);
            return [];
        }
        var next = await run.Calls.GetAsync(link, ours, theirs, ct);
        var known = page.Select(Id).OfType<string>().ToHashSet();
        var items = next.IsSuccess && next.Data.ValueKind == JsonValueKind.Array ? next.Data.EnumerateArray().ToList() : [];
        var problem = !next.IsSuccess ? $"following the Link as given answered {next.Outcome}"
            : next.Data.ValueKind != JsonValueKind.Array ? $"the next page's data is a JSON {ConfigurationChecks.Kind(next.Data)}, not a list"
            : items.Count == 0 ? "the next page the Link names is empty"
            : items.Select(Id).FirstOrDefault(id => id is not null && known.Contains(id)) is { } repeated ? $"the next page repeats {repeated}"
            : null;
        run.Judge(name, m, ProbeSpecs.Link, problem, $"the next page yields {Id(items.FirstOrDefault()) ?? "an object"}", next);
        return items;
    }

    private static async Task DateFiltersAsync(ProbeRun run, ProbedSender sender, string url, List<JsonElement> objects, PartyRef ours, PartyRef? theirs,
        CancellationToken ct)
    {
        var m = sender.Module;
        var name = $"{m}: date_from and date_to honoured";
        var sample = objects.Select(o => (Id: Id(o), At: LastUpdated(o))).FirstOrDefault(o => o is { Id: not null, At: not null });
        if (sample.Id is null)
        {
            run.Skip(name, m, ProbeSpecs.DateFilters, "the Sender listed no object with an id and last_updated to test the filters with");
            return;
        }
        var at = sample.At!.Value;
        var filters = DateFilters.Of(run.Is211, at);
        var window = await run.Calls.GetAsync(WithQuery(url, sender, ("date_from", OcpiDateTime.Format(filters.From)), ("date_to", OcpiDateTime.Format(filters.To))),
            ours, theirs, ct);
        var problem = FilterProblem(window, filters.InWindow, filters.WindowText)
            ?? (Ids(window).Contains(sample.Id) ? null : $"{sample.Id} (last_updated {OcpiDateTime.Format(at)}) is missing with {filters.WindowText}{filters.Missing}");
        var evidence = window;
        if (problem is null)
        {
            evidence = await run.Calls.GetAsync(WithQuery(url, sender, ("date_to", OcpiDateTime.Format(filters.Before))), ours, theirs, ct);
            problem = FilterProblem(evidence, filters.BeforeTo, filters.BeforeText)
                ?? (Ids(evidence).Contains(sample.Id) ? $"{sample.Id} (last_updated {OcpiDateTime.Format(at)}) is listed with {filters.BeforeText}{filters.Listed}" : null);
        }
        run.Judge(name, m, ProbeSpecs.DateFilters, problem, $"{filters.Passed} select {sample.Id} as they should", evidence);
    }

    /// <summary>
    /// The two queries of the date filter check around an object's <paramref name="at"/>: 2.2.1 (and 2.3.0) test the
    /// boundaries (date_from inclusive, date_to exclusive); 2.1.1 says only "after" and "before", so it is asked a second
    /// either side of them and judged on what lies clearly outside.
    /// </summary>
    private sealed record DateFilters(DateTime From, DateTime To, DateTime Before, Func<DateTime, bool> InWindow, Func<DateTime, bool> BeforeTo,
        string WindowText, string BeforeText, string Missing, string Listed, string Passed)
    {
        public static DateFilters Of(bool is211, DateTime at)
        {
            if (!is211)
                return new(at, at.AddSeconds(1), at, o => o >= at && o < at.AddSeconds(1), o => o < at,
                    $"date_from={OcpiDateTime.Format(at)} (inclusive)", $"date_to={OcpiDateTime.Format(at)} (exclusive)",
                    ": date_from is inclusive", ": date_to is exclusive", "date_from (inclusive) and date_to (exclusive)");
            var (from, to) = (at.AddSeconds(-1), at.AddSeconds(1));
            return new(from, to, from, o => o >= from && o <= to, o => o <= from,
                $"date_from={OcpiDateTime.Format(from)} and date_to={OcpiDateTime.Format(to)}", $"date_to={OcpiDateTime.Format(from)}",
                ": it was last updated after date_from and before date_to", ": it was last updated after that, not before",
                "date_from (after) and date_to (before)");
        }
    }

    private static string? FilterProblem(ProbeExchange answer, Func<DateTime, bool> inside, string filter)
    {
        if (!answer.IsSuccess) return $"GET with {filter} answered {answer.Outcome}";
        if (answer.Data.ValueKind != JsonValueKind.Array) return $"GET with {filter}: data is not a list";
        var outside = answer.Data.EnumerateArray().FirstOrDefault(o => LastUpdated(o) is { } at && !inside(at));
        return outside.ValueKind == JsonValueKind.Undefined ? null : $"{Id(outside)} (last_updated {ConfigurationChecks.Text(outside, "last_updated")}) is listed with {filter}";
    }

    private static void CheckObjects(ProbeRun run, ProbedSender sender, List<JsonElement> objects, PartyRef ours, PartyRef? theirs)
    {
        var m = sender.Module;
        var name = $"{m}: objects valid";
        if (objects.Count == 0)
        {
            run.Skip(name, m, sender.ObjectSpec, "the Sender listed no object to check");
            return;
        }
        var problems = objects.Select(o => sender.ProblemOf(run, o, ours, theirs) is { } p ? $"{Id(o) ?? "an object without id"}: {p}" : null).OfType<string>().ToList();
        run.Judge(name, m, sender.ObjectSpec, problems.Count == 0 ? null : string.Join(" | ", problems.Take(5)),
            $"{objects.Count} object(s) read, each valid", null);
    }

    private static void SkipAll(ProbeRun run, ProbedSender sender, string why, bool paging, bool list)
    {
        var m = sender.Module;
        if (paging)
        {
            run.Skip(RequestIdsCheck(m), m, ProbeSpecs.RequestIds, why);
            run.Skip($"{m}: X-Total-Count and X-Limit", m, ProbeSpecs.PagingHeaders, why);
        }
        if (list) run.Skip($"{m}: data is a list", m, ProbeSpecs.List, why);
        run.Skip($"{m}: Link followable", m, ProbeSpecs.Link, why);
        run.Skip($"{m}: date_from and date_to honoured", m, ProbeSpecs.DateFilters, why);
        run.Skip($"{m}: objects valid", m, sender.ObjectSpec, why);
    }

    /// <summary>The Sender URL with a query; sessions always get a date_from, which their Sender requires (2.2.1 mod_sessions).</summary>
    private static string WithQuery(string url, ProbedSender sender, params (string Name, string Value)[] query)
    {
        IEnumerable<(string Name, string Value)> all = sender.Module == ModuleIds.Sessions && query.All(q => q.Name != "date_from")
            ? query.Prepend(("date_from", OcpiDateTime.Format(DateTime.UnixEpoch))) : query;
        return url + (url.Contains('?') ? "&" : "?") + string.Join("&", all.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}"));
    }

    private static int? Count(string? header) => int.TryParse(header, System.Globalization.NumberStyles.None, null, out var n) ? n : null;

    private static HashSet<string> Ids(ProbeExchange answer) =>
        answer.Data.ValueKind == JsonValueKind.Array ? answer.Data.EnumerateArray().Select(Id).OfType<string>().ToHashSet() : [];

    /// <summary>id, or uid for tokens.</summary>
    private static string? Id(JsonElement item) => ConfigurationChecks.Text(item, "id") ?? ConfigurationChecks.Text(item, "uid");

    private static DateTime? LastUpdated(JsonElement item) =>
        OcpiDateTime.TryParse(ConfigurationChecks.Text(item, "last_updated"), out var at) ? at : null;
}
