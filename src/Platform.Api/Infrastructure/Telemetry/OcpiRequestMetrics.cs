using System.Diagnostics;
using Platform.Api.Modules;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Telemetry;

/// <summary>
/// Counts and times every inbound OCPI call (first in the /ocpi branch, so refusals count too) by module, interface
/// role, hosted party and the OCPI status code the envelope carried (0 when the answer was not an envelope).
/// </summary>
public sealed class OcpiRequestMetrics(RequestDelegate next, PlatformMetrics metrics)
{
    private static readonly object StatusKey = new();

    // Boxed once: the status codes OCPI answers with are few.
    private static readonly Dictionary<int, object> Boxed = new[] { 1000, 2000, 2001, 2002, 2003, 2004, 3000, 3001, 3002, 3003, 4000, 4001, 4002, 4003 }
        .ToDictionary(c => c, c => (object)c);

    public async Task InvokeAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var route = http.GetEndpoint()?.Metadata.GetMetadata<OcpiInterface>();
            var status = http.Items.TryGetValue(StatusKey, out var code) && code is int c ? c : 0;
            var role = route?.Role switch { InterfaceRole.SENDER => "SENDER", InterfaceRole.RECEIVER => "RECEIVER", _ => null };
            var context = OcpiContext.Find(http);
            metrics.InboundRequest(route?.Module, role, context?.Hosted.Key, status, http.Response.StatusCode, Stopwatch.GetElapsedTime(started));
            TagSpan(route?.Module, role, context, status);
        }
    }

    // The server span ASP.NET Core started for this call; tagging is skipped when no trace records it.
    private static void TagSpan(string? module, string? role, OcpiContext? context, int status)
    {
        if (PlatformTracing.Recording(Activity.Current) is not { } span) return;
        span.SetTag(SpanTags.Module, module).SetTag(SpanTags.InterfaceRole, role).SetTag(SpanTags.StatusCode, status == 0 ? null : status);
        if (context is null) return;
        span.SetTag(SpanTags.HostedParty, context.Hosted.Key).SetTag(SpanTags.PeerParty, context.Remote.Key).SetTag(SpanTags.Connection, context.ConnectionId);
    }

    /// <summary>Called by the envelope writer with the status_code it wrote.</summary>
    public static void Answered(HttpContext http, int ocpiStatus) =>
        http.Items[StatusKey] = Boxed.TryGetValue(ocpiStatus, out var boxed) ? boxed : ocpiStatus;
}
