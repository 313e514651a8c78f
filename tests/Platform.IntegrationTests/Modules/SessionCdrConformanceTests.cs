using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// OCPI 2.2.1 Sessions and CDRs conformance between real platform instances over HTTP (digest §4.2, §4.3, seeds
/// S1–S4 and C1–C5): each side's OCPI API is called directly with the token the other side holds, as that
/// connection. The class is split by subject over several files; all parts share one
/// <see cref="SessionCdrConformanceFixture"/>.
/// </summary>
public sealed partial class SessionCdrConformanceTests(SessionCdrConformanceFixture f) : IClassFixture<SessionCdrConformanceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string T0 = "2024-01-01T10:00:00Z";
    private const string T1 = "2024-01-01T10:15:00Z";
    private const string T2 = "2024-01-01T10:30:00Z";

    /// <summary>A session of <paramref name="owner"/> for a token of <paramref name="emsp"/>, with fixed times so that a re-send is identical.</summary>
    private static JsonObject Session(string id, string lastUpdated = T0, string emsp = "DE*MSP", string owner = "NL*CPO", string status = "ACTIVE") =>
        Builders.Session(owner, id, emsp, status).With(("start_date_time", T0), ("last_updated", lastUpdated));

    private static JsonObject Period(string start, decimal kwh) =>
        Builders.ChargingPeriod(kwh).With(("start_date_time", start));

    /// <summary>A CDR of <paramref name="owner"/> for a token of <paramref name="emsp"/>, with a fixed last_updated so that a re-send is identical.</summary>
    private static JsonObject Cdr(string id, string emsp = "DE*MSP", string owner = "NL*CPO", decimal cost = 4.00m) =>
        Builders.Cdr(owner, id, emsp, cost).With(("last_updated", "2026-11-26T09:05:00Z"),
            // session_id is a CiString(36); the long ids of the C3/C4 tests would overflow "S-" + id.
            ("session_id", ("S-" + id)[..Math.Min(36, id.Length + 2)]));

    private static void AssertAnswer(OcpiAnswer answer, HttpStatusCode http, int statusCode)
    {
        Assert.True(answer.Status == http && answer.StatusCode == statusCode,
            $"Expected HTTP {(int)http} with status_code {statusCode}, got {answer}");
        // Every answer, refusals included, is an envelope with a timestamp (T4).
        Assert.NotNull(answer.Envelope?["timestamp"]);
    }

    private static void AssertOk(OcpiAnswer answer, HttpStatusCode http = HttpStatusCode.OK) => AssertAnswer(answer, http, 1000);

    /// <summary>A semantically wrong body from an authenticated peer: HTTP 200, status 2001, the message naming the field (T7).</summary>
    private static void AssertInvalid(OcpiAnswer answer, string field)
    {
        AssertAnswer(answer, HttpStatusCode.OK, 2001);
        Assert.Contains(field, answer.StatusMessage, StringComparison.Ordinal);
    }

    private static void AssertRefused(OcpiAnswer answer, HttpStatusCode http)
    {
        Assert.True(answer.Status == http && answer.StatusCode is >= 2000 and < 3000, $"Expected HTTP {(int)http} with a 2xxx envelope, got {answer}");
        Assert.NotNull(answer.Envelope?["timestamp"]);
    }

    private static void AssertNotFound(OcpiAnswer answer) => AssertRefused(answer, HttpStatusCode.NotFound);

    private static string? Header(OcpiAnswer answer, string name) =>
        answer.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>The session DE*MSP holds, read back over the right connection (asserts it is there).</summary>
    private async Task<JsonObject> ReceivedSessionAsync(string id, string owner = "NL/CPO")
    {
        var answer = await f.AsCpoAsync(HttpMethod.Get, f.SessionReceiverUrl(id, owner));
        AssertOk(answer);
        return answer.Data!.AsObject();
    }

    private async Task AssertSessionNotStoredAsync(string id, string owner = "NL/CPO") =>
        AssertNotFound(await f.AsCpoAsync(HttpMethod.Get, f.SessionReceiverUrl(id, owner)));

    /// <summary>How many objects with this id a hosted eMSP of the eMSP instance holds in <paramref name="module"/>, by its back office.</summary>
    private async Task<int> HeldCountAsync(string module, string id, string emsp = "DE*MSP") =>
        (await f.Emsp.ReceivedAsync(emsp, module)).Count(o => string.Equals((string?)o!["id"], id, StringComparison.OrdinalIgnoreCase));
}
