using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>The command line: which benchmarks, and the knobs that make a quick run possible.</summary>
public sealed record BenchOptions
{
    public bool RunP1 { get; init; }
    public bool RunP2 { get; init; }
    public bool RunP4 { get; init; }

    /// <summary>P4: requests per second of the open-loop (fixed rate) run.</summary>
    public int Rate { get; init; } = 500;

    /// <summary>P1: concurrent HTTP workers.</summary>
    public int Workers { get; init; } = 32;

    /// <summary>P1: seconds of load before measuring, so JIT tiering, pools and SQLite caches settle.</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>P1: seconds measured per target.</summary>
    public double DurationSeconds { get; init; } = 10;

    /// <summary>P1: EVSEs of the one location the load patches.</summary>
    public int Evses { get; init; } = 50;

    /// <summary>P2: locations seeded in all, spread evenly over <see cref="Tenants"/> hosted CPOs.</summary>
    public int Locations { get; init; } = 1_000_000;

    public int Tenants { get; init; } = 10;

    /// <summary>P2: timed GETs of each page.</summary>
    public int Repetitions { get; init; } = 20;

    /// <summary>Where the platforms' SQLite files go; a tmpfs here (/dev/shm) takes fsync out of P1.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "platform-bench");

    /// <summary>The platforms' Serilog minimum level; Information is what appsettings.json ships.</summary>
    public string LogLevel { get; init; } = "Information";

    public bool KeepData { get; init; }

    /// <summary>on (what ships: metrics collected, spans only carry the trace on), off (OpenTelemetry:Enabled=false), or traces (every span recorded).</summary>
    public string Telemetry { get; init; } = "on";

    public const string Usage = """
        usage: dotnet run -c Release --project tests/Platform.Benchmarks -- [p1|p2|p4|all] [options]
          --workers N        P1 concurrent HTTP workers (32)
          --warmup S         P1 warm-up seconds per target (2)
          --duration S       P1 measured seconds per target (10)
          --evses N          P1 EVSEs in the patched location (50)
          --locations N      P2 locations seeded in all (1000000)
          --tenants N        P2 hosted CPOs sharing them (10)
          --reps N           P2 timed GETs per page (20)
          --rate N           P4 requests per second of the fixed-rate run (500)
          --data-dir DIR     where the SQLite files go (temp folder)
          --log-level LEVEL  platforms' Serilog minimum level (Information)
          --keep             keep the SQLite files after the run
          --telemetry MODE   on (as shipped), off (no OpenTelemetry), traces (every span recorded) (on)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var which = "all";
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            double NextDouble() => double.Parse(Next(), CultureInfo.InvariantCulture);
            var arg = args[i];
            if (arg is "p1" or "p2" or "p4" or "all")
            {
                which = arg;
                continue;
            }
            options = arg switch
            {
                "--workers" => options with { Workers = NextInt() },
                "--warmup" => options with { WarmupSeconds = NextDouble() },
                "--duration" => options with { DurationSeconds = NextDouble() },
                "--evses" => options with { Evses = NextInt() },
                "--locations" => options with { Locations = NextInt() },
                "--tenants" => options with { Tenants = NextInt() },
                "--reps" => options with { Repetitions = NextInt() },
                "--data-dir" => options with { DataDirectory = Path.GetFullPath(Next()) },
                "--log-level" => options with { LogLevel = Next() },
                "--keep" => options with { KeepData = true },
                "--rate" => options with { Rate = NextInt() },
                "--telemetry" => options with { Telemetry = Next() is var mode and ("on" or "off" or "traces") ? mode : throw new ArgumentException("--telemetry is on, off or traces") },
                _ => throw new ArgumentException($"Unknown argument '{arg}'"),
            };
        }
        if (options.Locations / options.Tenants < OcpiPageSize)
            throw new ArgumentException($"--locations must give each of the {options.Tenants} tenants at least {OcpiPageSize} locations");
        return options with { RunP1 = which is "p1" or "all", RunP2 = which is "p2" or "all", RunP4 = which is "p4" or "all" };
    }

    /// <summary>The Sender's largest page (OcpiPage.MaxPageSize); P2 asks for pages of this size.</summary>
    public const int OcpiPageSize = 100;
}
