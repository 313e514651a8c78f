using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Platform.Api.Admin;

namespace Platform.Api.Infrastructure.Telemetry;

/// <summary>Settings of the telemetry (configuration sections <c>OpenTelemetry</c> and <c>Metrics</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// <c>OpenTelemetry:Enabled</c> (default true): false leaves out every listener, exporter and <c>/metrics</c>, so the
    /// instruments record nothing; for measuring what telemetry costs (tests/Platform.Benchmarks, <c>--telemetry off</c>).
    /// </summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>OpenTelemetry:OtlpEndpoint</c>: where to send traces and metrics over OTLP; off when empty.</summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary><c>OpenTelemetry:Console</c>: write spans to the console (development).</summary>
    public bool Console { get; init; }

    /// <summary><c>OpenTelemetry:Record</c>: record spans although no exporter is configured (an in-process exporter added by a test).</summary>
    public bool Record { get; init; }
}

public static class TelemetrySetup
{
    // Kestrel's memory pool counts every block rented and returned, several per request: about 1 % of the CPU of a
    // loaded platform (tests/Platform.Benchmarks, README) for series no operator reads per block. What the pool allocated
    // and evicted, which tell its size, stay.
    private static readonly HashSet<string> PerBlock = ["aspnetcore.memory_pool.rented", "aspnetcore.memory_pool.pooled", "aspnetcore.memory_pool.used"];

    /// <summary>The platform's meter (Prometheus at <c>/metrics</c>, OTLP when configured) and its instruments.</summary>
    public static void AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = builder.Configuration.GetSection("OpenTelemetry").Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton(settings);
        services.AddSingleton<HealthGauges>();
        services.AddSingleton<PlatformMetrics>();
        if (!settings.Enabled) return;
        // Plain W3C trace context: with it OpenTelemetry leaves the traceparent of outbound calls to the runtime, whose
        // propagator on the peer client writes it in level-1 form (Level1TraceContext); OpenTelemetry's own would carry
        // the level-2 random flag (-02), which level-1 parsers refuse.
        Sdk.SetDefaultTextMapPropagator(new OpenTelemetry.Context.Propagation.TraceContextPropagator());
        services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                // Several hosts may share a process (tests): each reads only the meters its own IMeterFactory made.
                ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
                {
                    var own = sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
                    builder.AddView(i => (i.Meter.Scope is { } scope && !ReferenceEquals(scope, own)) || PerBlock.Contains(i.Name) ? MetricStreamConfiguration.Drop : null);
                });
                metrics.AddMeter(PlatformMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(settings.OtlpEndpoint));
            })
            .WithTracing(tracing =>
            {
                var exported = !string.IsNullOrWhiteSpace(settings.OtlpEndpoint) || settings.Console || settings.Record;
                tracing.AddSource(PlatformTracing.SourceName)
                    // Without an exporter spans only carry the trace on (traceparent to peers, flag 00), recording nothing.
                    .SetSampler(exported ? new ParentBasedSampler(new AlwaysOnSampler()) : new AlwaysOffSampler());
                // Listening to every inbound request and outbound call costs CPU on each (tests/Platform.Benchmarks,
                // README: what telemetry costs), so only when spans go somewhere. The trace is carried on without it:
                // ASP.NET Core continues an inbound traceparent in its own activity, and HttpClient writes the
                // traceparent of the current activity (a job's or peer call's span) on outbound calls.
                if (exported)
                    tracing.AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/metrics"))
                        .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(settings.OtlpEndpoint))
                    tracing.AddOtlpExporter(o => o.Endpoint = new Uri(settings.OtlpEndpoint));
                if (settings.Console) tracing.AddConsoleExporter();
            });
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus text format, behind the admin key like the admin API. With <c>Metrics:Port</c>
    /// it answers only on that port (the platform listens there too), so a scraper can be let in by network rules.
    /// </summary>
    public static void MapPlatformMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<PlatformMetrics>();
        if (!app.Services.GetRequiredService<TelemetryOptions>().Enabled) return;
        var endpoint = app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(AdminAccess.Policy);
        if (app.Configuration.GetValue<int?>("Metrics:Port") is { } port)
        {
            endpoint.RequireHost($"*:{port}");
            // Kestrel listens on the configured URLs and on the management port.
            var urls = (app.Configuration["urls"] ?? "http://localhost:5080").Split(';', StringSplitOptions.RemoveEmptyEntries);
            foreach (var url in urls) app.Urls.Add(url);
            app.Urls.Add($"http://*:{port}");
        }
    }
}
