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

    /// <summary>A call to a peer over a connection: the parent of HttpClient's span, carrying the OCPI words.</summary>
    public static Activity? StartPeerCall(string method, string connectionId, string module, string? from, string? to)
    {
        var span = Source.StartActivity("peer call " + method, ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
            span.SetTag(SpanTags.Connection, connectionId).SetTag(SpanTags.Module, module)
                .SetTag(SpanTags.HostedParty, from).SetTag(SpanTags.PeerParty, to);
        return span;
    }

    /// <summary>Tags of the span serving an inbound call, when a trace records it (free otherwise).</summary>
    public static void TagCurrent(string key, object? value)
    {
        if (Recording(Activity.Current) is { } span && value is not null) span.SetTag(key, value);
    }

    /// <summary>
    /// The span, when a trace records it. ASP.NET Core starts an activity per request that asks for all data even when
    /// no exporter samples it (it only carries the trace on); tagging it took the activity's lock on every request.
    /// </summary>
    public static Activity? Recording(Activity? span) => span is { IsAllDataRequested: true, Recorded: true } ? span : null;
}

/// <summary>The attribute names of the platform's spans, one vocabulary for inbound calls, jobs and peer calls.</summary>
public static class SpanTags
{
    public const string HostedParty = "ocpi.hosted_party";
    public const string PeerParty = "ocpi.peer_party";
    public const string Connection = "ocpi.connection_id";
    public const string Module = "ocpi.module";
    public const string InterfaceRole = "ocpi.interface_role";
    public const string StatusCode = "ocpi.status_code";
    public const string RequestId = "ocpi.request_id";
    public const string CorrelationId = "ocpi.correlation_id";
    public const string ObjectKey = "ocpi.object_id";
    public const string DeliveryId = "platform.delivery_id";
}
