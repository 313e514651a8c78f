using System.Diagnostics;

namespace Platform.Api.Infrastructure.Telemetry;

/// <summary>
/// Sends <c>traceparent</c> as W3C Trace Context level 1 (flags 00 or 01): .NET may set the level-2 "random" flag
/// (02), which level-1 peers and their proxies may refuse; only the sampled bit is meant for them.
/// </summary>
public sealed class Level1TraceParent(DistributedContextPropagator inner) : DistributedContextPropagator
{
    public override IReadOnlyCollection<string> Fields => inner.Fields;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
        inner.Inject(activity, carrier, setter is null ? null : (c, name, value) =>
            setter(c, name, name == "traceparent" && value is { Length: 55 } ? value[..53] + ((Convert.ToInt32(value[53..], 16) & 1) == 1 ? "01" : "00") : value));

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState) =>
        inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        inner.ExtractBaggage(carrier, getter);

    /// <summary>Wraps the process's propagator once (several hosts may share a process).</summary>
    public static void Install()
    {
        lock (typeof(Level1TraceParent))
            if (Current is not Level1TraceParent) Current = new Level1TraceParent(Current);
    }
}
