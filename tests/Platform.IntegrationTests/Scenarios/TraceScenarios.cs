using System.Collections;
using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry.Trace;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Scenarios;

/// <summary>
/// One change followed as one trace across two platforms: the back-office write on the CPO's platform, the outbox
/// dispatch and the push jobs that continue it from their rows, the peer call, and the eMSP platform's inbound call,
/// which continues the trace from the push's traceparent. Spans are read from OpenTelemetry's in-memory exporter.
/// </summary>
public sealed partial class TraceScenarios
{
    [Fact]
    public async Task A_location_change_is_one_trace_from_the_cpos_back_office_to_the_emsps_platform_with_the_ocpi_attributes()
    {
        var spans = new SpanList();
        var setup = new InstanceSetup(new Dictionary<string, string> { ["OpenTelemetry:Record"] = "true" },
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        await using var cpo = await PlatformInstance.StartAsync(setup);
        await using var emsp = await PlatformInstance.StartAsync(setup);
        await cpo.CreatePartyAsync("NL", "CPO", "CPO");
        await emsp.CreatePartyAsync("DE", "MSP", "EMSP");
        var link = await PlatformInstance.ConnectAsync(cpo, ["NL*CPO"], emsp, ["DE*MSP"]);

        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC-TRACE"));
        // A span reaches the exporter when it ends, which can be after its answer was read: wait for each.
        Activity? write = null;
        await Scenario.Eventually(() => Task.FromResult((write = spans.FirstOrDefault(s => s.Kind == ActivityKind.Server
            && Path(s) == "/admin/parties/NL/CPO/cpo/locations/LOC-TRACE")) is not null), "the CPO's back-office PUT is traced");
        var trace = write!.TraceId;
        Activity? received = null;
        await Scenario.Eventually(() => Task.FromResult((received = spans.FirstOrDefault(s => s.TraceId == trace && s.Kind == ActivityKind.Server
                && Path(s) == "/ocpi/2.2.1/receiver/locations/NL/CPO/LOC-TRACE")) is not null
                && new[] { "dispatch", "push", "peer call PUT" }.All(name => spans.Any(s => s.TraceId == trace && s.OperationName == name))),
            "the eMSP platform's inbound PUT continues the trace of the CPO's back-office write, and the CPO's job spans ended");

        Assert.Equal(write.SpanId, spans.Single(s => s.TraceId == trace && s.OperationName == "dispatch").ParentSpanId);
        var push = spans.Single(s => s.TraceId == trace && s.OperationName == "push");
        Assert.Equal("locations", push.GetTagItem("ocpi.module"));
        Assert.Equal("DE*MSP", push.GetTagItem("ocpi.peer_party"));
        Assert.Equal(link.ServerConnectionId, push.GetTagItem("ocpi.connection_id"));
        var call = spans.Single(s => s.TraceId == trace && s.OperationName == "peer call PUT");
        Assert.Equal(push.SpanId, call.ParentSpanId);
        Assert.Equal(1000, call.GetTagItem("ocpi.status_code"));

        Assert.Equal("locations", received!.GetTagItem("ocpi.module"));
        Assert.Equal("RECEIVER", received.GetTagItem("ocpi.interface_role"));
        Assert.Equal("DE*MSP", received.GetTagItem("ocpi.hosted_party"));
        Assert.Equal("NL*CPO", received.GetTagItem("ocpi.peer_party"));
        Assert.Equal(link.ClientConnectionId, received.GetTagItem("ocpi.connection_id"));
        Assert.Equal(1000, received.GetTagItem("ocpi.status_code"));
        Assert.NotNull(received.GetTagItem("ocpi.request_id"));
        Assert.Equal(push.GetTagItem("ocpi.correlation_id"), received.GetTagItem("ocpi.correlation_id"));

        // The eMSP's write went through a SQLite group commit, whose span links to the call it served.
        await Scenario.Eventually(() => Task.FromResult(spans.Any(s => s.OperationName == "group commit"
                && s.Links.Any(l => l.Context.TraceId == trace && l.Context.SpanId == received.SpanId))),
            "the group commit's span links to the eMSP's inbound PUT");

        // The eMSP platform's log lines of that call carry the same trace id.
        await Scenario.Eventually(() => Task.FromResult(emsp.Log.Lines.Any(l => l.Contains("LOC-TRACE") && l.Contains($"TraceId=\"{trace.ToHexString()}\""))),
            "the eMSP's log line of the PUT names the trace");
    }

    [Fact]
    public async Task Without_an_exporter_a_push_still_carries_its_trace_to_the_peer_which_logs_it()
    {
        await using var pair = await CpoAndEmsp.StartAsync();
        var (cpo, emsp, _) = pair;
        await cpo.PublishLocationAsync("NL*CPO", Builders.Location("NL", "CPO", "LOC-CARRY"));
        string? trace = null;
        await Scenario.Eventually(() => Task.FromResult((trace = cpo.Log.Lines
                .Where(l => l.StartsWith("Peer call", StringComparison.Ordinal) && l.Contains("/LOC-CARRY") && l.Contains("answered"))
                .Select(l => TraceIdOf().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).FirstOrDefault()) is not null),
            "the CPO logs its call to the peer with its trace id");
        await Scenario.Eventually(() => Task.FromResult(emsp.Log.Lines.Any(l => l.Contains("/ocpi/2.2.1/receiver/locations/NL/CPO/LOC-CARRY")
            && l.Contains($"TraceId=\"{trace}\""))), "the eMSP platform logs the PUT under the same trace id");
    }

    [GeneratedRegex("TraceId=\"([0-9a-f]{32})\"")]
    private static partial Regex TraceIdOf();

    private static string? Path(Activity span) => span.GetTagItem("url.path") as string;

    /// <summary>
    /// The exporter adds from the threads that end spans while the test reads. Activity listeners are process-wide, so
    /// both instances' exporters see every span: each is kept once.
    /// </summary>
    private sealed class SpanList : ICollection<Activity>
    {
        private readonly HashSet<Activity> _items = [];
        private readonly Lock _lock = new();

        public int Count { get { lock (_lock) return _items.Count; } }
        public bool IsReadOnly => false;
        public void Add(Activity item) { lock (_lock) _items.Add(item); }
        public void Clear() { lock (_lock) _items.Clear(); }
        public bool Contains(Activity item) { lock (_lock) return _items.Contains(item); }
        public void CopyTo(Activity[] array, int arrayIndex) { lock (_lock) _items.CopyTo(array, arrayIndex); }
        public bool Remove(Activity item) { lock (_lock) return _items.Remove(item); }
        public IEnumerator<Activity> GetEnumerator() { lock (_lock) return _items.ToList().GetEnumerator(); }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
