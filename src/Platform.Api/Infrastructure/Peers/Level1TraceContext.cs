using System.Diagnostics;

namespace Platform.Api.Infrastructure.Peers;

/// <summary>
/// Writes <c>traceparent</c> on calls to peers in W3C Trace Context level 1 form. The runtime's propagator may set the
/// level-2 "random trace id" flag (<c>-02</c>/<c>-03</c>), which level-1 parsers — most OCPI platforms and
/// their proxies — refuse; only the sampled bit is kept. Everything else is the runtime's default propagation.
/// </summary>
public sealed class Level1TraceContext : DistributedContextPropagator
{
    private static readonly DistributedContextPropagator Inner = CreateDefaultPropagator();

    public override IReadOnlyCollection<string> Fields => Inner.Fields;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) =>
        Inner.Inject(activity, carrier, (c, name, value) => setter?.Invoke(c, name, name == "traceparent" ? Level1(value) : value));

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState) =>
        Inner.ExtractTraceIdAndState(carrier, getter, out traceId, out traceState);

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) =>
        Inner.ExtractBaggage(carrier, getter);

    /// <summary><c>00-{trace id}-{span id}-{flags}</c> with the flags reduced to the sampled bit.</summary>
    public static string Level1(string value) =>
        value.Length == 55 && value[52] == '-' && int.TryParse(value.AsSpan(53), System.Globalization.NumberStyles.HexNumber, null, out var flags)
            ? string.Concat(value.AsSpan(0, 53), (flags & 1) == 1 ? "01" : "00")
            : value;
}
