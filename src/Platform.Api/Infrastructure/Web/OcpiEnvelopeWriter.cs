using Platform.Ocpi.Json;
using Platform.Ocpi.Transport;

namespace Platform.Api.Infrastructure.Web;

/// <summary>The one place that writes an OCPI envelope to a response.</summary>
public static class OcpiEnvelopeWriter
{
    public static async Task WriteAsync(HttpContext http, OcpiResult result)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        object? data = null;
        try
        {
            // Answered in the version the request came in (Modules/Versions).
            data = await Modules.Versions.WireEdge.AnswerAsync(http, result.Data);
        }
        catch (Modules.Versions.WireUnsupportedException e)
        {
            // To a peer of that version the object does not exist (an MCS-only EVSE asked for in 2.2.1).
            result = OcpiResult.NotFound($"not expressible in OCPI {Modules.Versions.WireEdge.VersionOf(http)}: {e.Message}");
        }
        http.Response.StatusCode = result.HttpStatus;
        Telemetry.OcpiRequestMetrics.Answered(http, result.StatusCode);
        if (result.Headers is not null)
            foreach (var (name, value) in result.Headers)
                http.Response.Headers[name] = value;
        foreach (var hook in http.RequestServices.GetServices<IOcpiResponseHeaders>())
            hook.Apply(http);
        var envelope = new OcpiResponse<object>
        {
            Data = data,
            // 2.1.1 has no 2004 (unknown token); its HTTP 404 with the generic client error says the same there.
            StatusCode = result.StatusCode == OcpiStatus.UnknownToken && Modules.Versions.WireEdge.VersionOf(http) == Platform.Ocpi.Model.Versions.OcpiVersions.V211
                ? OcpiStatus.ClientError : result.StatusCode,
            StatusMessage = result.Message,
            Timestamp = now,
        };
        http.Response.ContentType = "application/json";
        // Whole, with its length, as one write: no chunked framing for either side to build and take apart, and no
        // final chunk written after the handler. A list answers at most OcpiPage.MaxPageSize objects.
        using var body = new PooledBuffer();
        OcpiJson.Serialize(body, envelope);
        http.Response.ContentLength = body.WrittenMemory.Length;
        await http.Response.Body.WriteAsync(body.WrittenMemory, http.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext http, int httpStatus, int ocpiStatus, string message) =>
        WriteAsync(http, new OcpiResult(httpStatus, ocpiStatus, null, message));
}

/// <summary>Adds headers to every OCPI answer (the routing middleware adds the swapped OCPI-to/from headers).</summary>
public interface IOcpiResponseHeaders
{
    void Apply(HttpContext http);
}
