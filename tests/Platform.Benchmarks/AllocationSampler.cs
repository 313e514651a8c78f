using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Platform.Benchmarks;

/// <summary>
/// --alloc: which types the process allocates during a measured window, from the runtime's allocation ticks (one event
/// per ~100 KB allocated, naming the type that crossed the mark), so a type's share of ticks is its share of bytes.
/// Client and server share the process: compare a target's list with the bare endpoint's.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;

    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start()
    {
        _bytes.Clear();
        _recording = true;
    }

    public string Stop(string title, int top = 25)
    {
        _recording = false;
        var total = _bytes.Values.Sum();
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"allocations sampled during '{title}' (share of ~100 KB ticks):");
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
            text.AppendLine(CultureInfo.InvariantCulture, $"  {100.0 * bytes / Math.Max(1, total),5:0.0} %  {type}");
        return text.ToString();
    }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == RuntimeSource) EnableEvents(source, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null) return;
        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload![t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload![a], CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }
}
