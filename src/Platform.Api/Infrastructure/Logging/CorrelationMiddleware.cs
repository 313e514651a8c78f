using Platform.Api.Infrastructure.Telemetry;
using Platform.Ocpi.Transport;
using Serilog.Context;

namespace Platform.Api.Infrastructure.Logging;

/// <summary>
/// Reads X-Request-ID and X-Correlation-ID (generating them when absent), echoes both on the response, and puts
/// them on every log line of the request, so an operator can follow one exchange across peers.
/// </summary>
public sealed class CorrelationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, RequestCorrelation correlation)
    {
        correlation.RequestId = Read(http, OcpiHeaders.RequestId) ?? Guid.NewGuid().ToString();
        correlation.CorrelationId = Read(http, OcpiHeaders.CorrelationId) ?? correlation.RequestId;
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[OcpiHeaders.RequestId] = correlation.RequestId;
            http.Response.Headers[OcpiHeaders.CorrelationId] = correlation.CorrelationId;
            return Task.CompletedTask;
        });
        PlatformTracing.TagCurrent(SpanTags.RequestId, correlation.RequestId);
        PlatformTracing.TagCurrent(SpanTags.CorrelationId, correlation.CorrelationId);
        using (LogContext.PushProperty("XRequestId", correlation.RequestId))
        using (LogContext.PushProperty("XCorrelationId", correlation.CorrelationId))
            await next(http);
    }

    // Ids are echoed into headers and logs: accept only short printable values, never a line break.
    private static string? Read(HttpContext http, string header)
    {
        var value = http.Request.Headers[header].ToString();
        return value.Length is > 0 and <= 100 && value.All(c => c is > ' ' and <= '~') ? value : null;
    }
}

/// <summary>The ids of the request being served; outbound calls made for it carry the same correlation id.</summary>
public sealed class RequestCorrelation
{
    public string RequestId { get; set; } = Guid.NewGuid().ToString();
    public string CorrelationId { get; set; } = Guid.NewGuid().ToString();
}
