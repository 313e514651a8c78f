using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Modules;

/// <summary>
/// OCPI 2.2.1 Locations conformance between real platform instances over HTTP (digest §4.1, seeds T7–T18 and
/// L1–L4): each side's OCPI API is called directly with the token the other side holds, as that connection.
/// The class is split by interface over several files; all parts share one <see cref="LocationConformanceFixture"/>.
/// </summary>
public sealed partial class LocationConformanceTests(LocationConformanceFixture f) : IClassFixture<LocationConformanceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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
}
