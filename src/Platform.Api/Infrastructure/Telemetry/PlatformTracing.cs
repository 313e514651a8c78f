using System.Diagnostics;

namespace Platform.Api.Infrastructure.Telemetry;

/// <summary>
/// The platform's own spans (jobs, peer calls) beside ASP.NET Core's and HttpClient's. A background job continues
/// the trace of the change that caused it: the change's W3C traceparent is kept with its outbox row and delivery.
/// </summary>
public static class PlatformTracing
{
    public const string SourceName = "Platform";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The traceparent of the current span, to keep with a row; null when nothing traces.</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } a ? a.Id : null;

    /// <summary>A job's span, a child of <paramref name="traceParent"/> when the row kept one; null when nothing listens.</summary>
    public static Activity? StartJob(string name, string? traceParent) =>
        Source.StartActivity(name, ActivityKind.Internal,
            traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent) ? parent : default);
}
