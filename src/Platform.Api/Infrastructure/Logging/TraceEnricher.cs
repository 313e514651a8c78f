using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace Platform.Api.Infrastructure.Logging;

/// <summary>
/// Puts the W3C trace and span ids of the current span on every log event, as properties every sink shows (the
/// console's <c>{Properties}</c> among them), so a log line leads to its trace and a trace to its lines. A peer
/// that continued our <c>traceparent</c> logs the same trace id.
/// </summary>
public sealed class TraceEnricher : ILogEventEnricher
{
    public const string TraceIdProperty = "TraceId";
    public const string SpanIdProperty = "SpanId";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (Activity.Current is not { IdFormat: ActivityIdFormat.W3C } span) return;
        logEvent.AddPropertyIfAbsent(new LogEventProperty(TraceIdProperty, new ScalarValue(span.TraceId.ToHexString())));
        logEvent.AddPropertyIfAbsent(new LogEventProperty(SpanIdProperty, new ScalarValue(span.SpanId.ToHexString())));
    }
}
