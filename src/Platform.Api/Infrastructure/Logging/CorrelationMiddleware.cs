using Platform.Api.Infrastructure.Telemetry;
using Platform.Ocpi.Transport;
using Serilog.Context;
using Serilog.Core.Enrichers;

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
        http.Response.OnStarting(static state =>
        {
            var (response, ids) = ((HttpResponse, RequestCorrelation))state;
            response.Headers[OcpiHeaders.RequestId] = ids.RequestId;
            response.Headers[OcpiHeaders.CorrelationId] = ids.CorrelationId;
            return Task.CompletedTask;
        }, (http.Response, correlation));
        PlatformTracing.TagCurrent(SpanTags.RequestId, correlation.RequestId);
        PlatformTracing.TagCurrent(SpanTags.CorrelationId, correlation.CorrelationId);
        // Both in one push: each push sets an async-local, which copies the execution context (and again when undone).
        using (LogContext.Push(new PropertyEnricher("XRequestId", correlation.RequestId), new PropertyEnricher("XCorrelationId", correlation.CorrelationId)))
            await next(http);
    }

    // Ids are echoed into headers and logs: accept only short printable values, never a line break.
    private static string? Read(HttpContext http, string header)
    {
        var value = http.Request.Headers[header].ToString();
        return value.Length is > 0 and <= 100 && !value.AsSpan().ContainsAnyExceptInRange('!', '~') ? value : null;
    }
}

/// <summary>The ids of the request being served; outbound calls made for it carry the same correlation id.</summary>
public sealed class RequestCorrelation
{
    // Made on first read: an inbound request sets both from its headers, and new ids cost a read of the system's random source.
    private string? _requestId;
    private string? _correlationId;

    public string RequestId
    {
        get => _requestId ??= Guid.NewGuid().ToString();
        set => _requestId = value;
    }

    public string CorrelationId
    {
        get => _correlationId ??= Guid.NewGuid().ToString();
        set => _correlationId = value;
    }
}
