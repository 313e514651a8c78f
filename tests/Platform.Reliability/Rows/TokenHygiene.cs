using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Admin;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.Reliability.Rows;

/// <summary>
/// R5: after registrations, a rotation, a deletion, commands and failing pushes, no credentials token (raw or Base64) and
/// not the admin key in the database files (main file, WAL and SHM, read as bytes), the log, Hangfire's job arguments, or
/// any admin API answer (every GET route of the route table, filled with every connection id).
/// </summary>
public static class TokenHygiene
{
    public static async Task<RowResult> RunAsync(RowScale scale)
    {
        var row = new RowResult("R5", "Token hygiene scan");
        await using var t = await Tenants.StartAsync();
        var p = t.Platform;
        var commands = scale == RowScale.Ci ? 3 : 20;

        // A rotation by the operator (the platform hands peer 1 a new token and takes a new one from it).
        var rotated = await p.Admin.PostAsync($"/admin/connections/{t.Conn1}/rotate", null);
        row.Check(rotated.IsSuccessStatusCode, () => "rotate answered " + (int)rotated.StatusCode);
        // Commands from peer 1 to NL*CPO, whose results are posted back to it.
        var conn1Token = CurrentToken(t);
        using (var peer = new OcpiClient(conn1Token))
            for (var i = 0; i < commands; i++)
                await peer.SendAsync(HttpMethod.Post, p.Url + "/ocpi/2.2.1/receiver/commands/START_SESSION", new JsonObject
                {
                    ["response_url"] = $"{t.Peer1.Url}/ocpi/2.2.1/commands/START_SESSION/{i}", ["token"] = Builders.Token("DE*FAK", "TOK1"),
                    ["location_id"] = "LOC1", ["evse_uid"] = "EVSE1",
                }, from: "DE*FAK", to: "NL*CPO");
        // Failures: peer 2 answers every push with 500, and its token is in the Authorization of each retry.
        t.Peer2.Answer = _ => (500, null, 3000);
        for (var i = 0; i < commands; i++)
            await p.Admin.PatchAsJsonAsync($"/admin/parties/NL/CP2/cpo/locations/{Tenants.Marker}LOC2/EVSE1", Builders.Status(i % 2 == 0 ? "CHARGING" : "AVAILABLE"));
        await Task.Delay(TimeSpan.FromSeconds(scale == RowScale.Ci ? 3 : 6));
        await Tenants.QuietFingerprintAsync(p.DatabaseFile, seconds: 10);

        var secrets = t.AllTokens.Append(conn1Token)
            .Concat(new[] { t.Peer1, t.Peer2, t.Hub, t.Gone, t.PeerCpo }.SelectMany(x => x.IssuedTokens)).Concat(Tenants.GivenTokens)
            .Distinct().Select(s => (What: "credentials token", Value: s)).Append((What: "admin key", Value: PlatformFactory.AdminKey)).ToList();
        var forms = secrets.SelectMany(s => PlatformInspection.Forms(s.Value).Select(f => (s.What, Form: f))).ToList();

        // The database files as bytes, WAL and SHM included, read while the platform runs.
        var places = new List<(string Where, string Text)>();
        foreach (var file in new[] { p.DatabaseFile, p.DatabaseFile + "-wal", p.DatabaseFile + "-shm" }.Where(File.Exists))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            places.Add((Path.GetFileName(file), Encoding.Latin1.GetString(copy.ToArray())));
        }
        places.Add(("log", p.Log.Text));
        places.Add(("Hangfire job arguments", HangfireArguments(p.Services.GetRequiredService<JobStorage>())));
        foreach (var (url, text) in await AdminAnswersAsync(p)) places.Add(("GET " + url, text));

        foreach (var (where, text) in places)
            foreach (var (what, form) in forms)
                row.Check(!text.Contains(form, StringComparison.Ordinal), () => $"a {what} is in {where}");

        var jobs = places.Single(x => x.Where == "Hangfire job arguments").Text.Count(ch => ch == '\n');
        row.Figures = $"{secrets.Count} secrets × 2 forms in {places.Count} places (3 database files, the log of {p.Log.Lines.Count:N0} lines, "
            + $"{jobs} Hangfire jobs, {places.Count - 5} admin answers) after 6 registrations, 1 rotation, 1 deletion, {commands} commands, {commands} failing pushes"
            + (scale == RowScale.Full ? "" : $" ({scale} scale)");
        return row;
    }

    /// <summary>The token peer 1 now calls with: after the rotation it is the newest one the platform gave it.</summary>
    private static string CurrentToken(Tenants t)
    {
        // The platform's new token C reaches peer 1 in a credentials PUT to the peer: it is in that request's body.
        var put = t.Peer1.Requests.LastOrDefault(r => r.Method is "PUT" or "POST" && r.Path.EndsWith("/credentials", StringComparison.Ordinal));
        return (string?)put?.Body?["token"] ?? t.Conn1TokenC;
    }

    private static string HangfireArguments(JobStorage storage)
    {
        var api = storage.GetMonitoringApi();
        var text = new StringBuilder();
        void Add(Hangfire.Common.Job? job)
        {
            if (job is null) return;
            text.Append(job.Type?.Name).Append('.').Append(job.Method?.Name).Append(' ').Append(JsonSerializer.Serialize(job.Args.Select(a => a?.ToString()))).Append('\n');
        }
        foreach (var (_, job) in api.SucceededJobs(0, 10_000)) Add(job.Job);
        foreach (var (_, job) in api.FailedJobs(0, 10_000)) Add(job.Job);
        foreach (var (_, job) in api.ProcessingJobs(0, 10_000)) Add(job.Job);
        foreach (var (_, job) in api.ScheduledJobs(0, 10_000)) Add(job.Job);
        foreach (var queue in api.Queues())
            foreach (var (_, job) in api.EnqueuedJobs(queue.Name, 0, 10_000)) Add(job.Job);
        return text.ToString();
    }

    /// <summary>Every admin GET route, each {id} filled with every connection id and each party path with every hosted party.</summary>
    private static async Task<List<(string, string)>> AdminAnswersAsync(PlatformInstance p)
    {
        var connections = JsonNode.Parse(await p.Admin.GetStringAsync("/admin/connections?limit=1000"))!.AsArray().Select(x => (string)x!["id"]!).ToList();
        var answers = new List<(string, string)>();
        var routes = p.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == AdminAccess.Policy)
                        && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? false))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct();
        foreach (var route in routes)
            foreach (var id in route.Contains("{id", StringComparison.Ordinal) ? connections : [""])
                foreach (var party in route.Contains("{cc}", StringComparison.Ordinal) ? ["NL/CPO", "NL/CP2", "DE/MSP"] : new[] { "" })
                {
                    var url = route.Replace("{id}", id, StringComparison.Ordinal).Replace("{cc}/{pid}", party, StringComparison.Ordinal);
                    url = System.Text.RegularExpressions.Regex.Replace(url, "{[^}]+}", "X1");
                    using var response = await p.Admin.GetAsync(url + (url.Contains('?') ? "" : "?limit=1000"));
                    answers.Add((url, await response.Content.ReadAsStringAsync()));
                }
        return answers;
    }
}
