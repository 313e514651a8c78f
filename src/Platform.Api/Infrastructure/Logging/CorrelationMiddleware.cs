using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Platform.Api.Infrastructure.Telemetry;
using Platform.Ocpi.Transport;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Platform.Api.Infrastructure.Logging;

/// <summary>
/// Reads X-Request-ID and X-Correlation-ID (generating them when absent), echoes both on the response, and puts
/// them on every log line of the request, so an operator can follow one exchange across peers. Ends the request with
/// its one line (<c>HTTP GET /path responded 200 in 1.2345 ms</c>), at Error for a 5xx or an exception, else Information,
/// which carries the two ids too.
/// </summary>
/// <remarks>
/// The line was Serilog's request logging middleware's: it collected a diagnostic context nothing here adds to (an
/// async-local per request), and logged outside the ids. Written here it costs the event alone, and nothing when its level is off.
/// </remarks>
public sealed class CorrelationMiddleware(RequestDelegate next, Serilog.ILogger logger)
{
    private static readonly MessageTemplate Line =
        new MessageTemplateParser().Parse("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms");

    public async Task InvokeAsync(HttpContext http, RequestCorrelation correlation)
    {
        var started = Stopwatch.GetTimestamp();
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
        using (LogContext.Push(new CorrelationProperties(correlation)))
        {
            try
            {
                await next(http);
            }
            catch (Exception e)
            {
                Log(http, started, 500, e);
                throw;
            }
            Log(http, started, http.Response.StatusCode, null);
        }
    }

    private void Log(HttpContext http, long started, int status, Exception? exception)
    {
        var level = status >= 500 || exception is not null ? LogEventLevel.Error : LogEventLevel.Information;
        if (!logger.IsEnabled(level)) return;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        logger.Write(new LogEvent(DateTimeOffset.Now, level, exception, Line,
        [
            new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
            new LogEventProperty("RequestPath", new ScalarValue(PathOf(http))),
            new LogEventProperty("StatusCode", new ScalarValue(status)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ]));
    }

    // The path as the client sent it, without its query: as Serilog's request logging wrote it.
    private static string PathOf(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw)) return http.Request.Path.ToString();
        var query = raw.IndexOf('?');
        return query < 0 ? raw : raw[..query];
    }

    // Ids are echoed into headers and logs: accept only short printable values, never a line break.
    private static string? Read(HttpContext http, string header)
    {
        var value = http.Request.Headers[header].ToString();
        return value.Length is > 0 and <= 100 && !value.AsSpan().ContainsAnyExceptInRange('!', '~') ? value : null;
    }
}

/// <summary>
/// The two ids as properties made once per request: a property enricher would make each again, through the logger's
/// value conversion, for every event of the request.
/// </summary>
internal sealed class CorrelationProperties(RequestCorrelation ids) : ILogEventEnricher
{
    private readonly LogEventProperty _requestId = new("XRequestId", new ScalarValue(ids.RequestId));
    private readonly LogEventProperty _correlationId = new("XCorrelationId", new ScalarValue(ids.CorrelationId));

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        logEvent.AddPropertyIfAbsent(_requestId);
        logEvent.AddPropertyIfAbsent(_correlationId);
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
