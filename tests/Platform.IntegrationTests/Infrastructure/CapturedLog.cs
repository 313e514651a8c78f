using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>Every log line a test host writes, rendered as a sink would, so tests can look for leaked secrets.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        logEvent.RenderMessage(writer);
        foreach (var (name, value) in logEvent.Properties) writer.Write($" {name}={value}");
        if (logEvent.Exception is not null) writer.Write(" " + logEvent.Exception);
        _lines.Enqueue(writer.ToString());
        if (logEvent.Level >= LogEventLevel.Warning) _warnings.Enqueue($"{logEvent.Timestamp:HH:mm:ss.fff} {logEvent.Level}: {writer}");
    }

    public string Text => string.Join('\n', _lines);

    public IReadOnlyList<string> Lines => _lines.ToList();

    /// <summary>The lines at Warning and above, each with its time and level.</summary>
    public IReadOnlyList<string> Warnings => _warnings.ToList();
}
