using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>The command line: which benchmarks, and the knobs that make a quick run possible.</summary>
public sealed record BenchOptions
{
    public IReadOnlySet<string> Run { get; init; } = new HashSet<string>();

    /// <summary>--quick: every benchmark scaled down so that <c>all</c> ends in under 3 minutes; each row says what was scaled.</summary>
    public bool Quick { get; init; }

    /// <summary>--smoke: a few seconds of each, only to prove the harness still runs (CI); no target is judged.</summary>
    public bool Smoke { get; init; }

    /// <summary>P4: requests per second of the open-loop (fixed rate) run.</summary>
    public int Rate { get; init; } = 500;

    /// <summary>--only TEXT: P1 loads only its targets whose name contains TEXT, to profile one alone; its rows are then not judged.</summary>
    public string? Only { get; init; }

    /// <summary>P1/P4: concurrent HTTP workers.</summary>
    public int Workers { get; init; } = 32;

    /// <summary>P1/P4: seconds of load before measuring, so JIT tiering, pools and SQLite caches settle.</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>P1/P4: seconds measured per target.</summary>
    public double DurationSeconds { get; init; } = 10;

    /// <summary>P1: EVSEs of the one location the load patches.</summary>
    public int Evses { get; init; } = 50;

    /// <summary>--spread N: P1 adds a diagnostic target whose PATCHes go to N locations of <see cref="Evses"/> EVSEs each (0: none).</summary>
    public int Spread { get; init; }

    /// <summary>P2: locations seeded in all, spread evenly over <see cref="Tenants"/> hosted CPOs.</summary>
    public int Locations { get; init; } = 1_000_000;

    public int Tenants { get; init; } = 10;

    /// <summary>P2: timed GETs of each page.</summary>
    public int Repetitions { get; init; } = 20;

    /// <summary>P3: peers (registrations) one EVSE change is pushed to.</summary>
    public int Peers { get; init; } = 50;

    /// <summary>P3: changes timed (each against a loop of the same PUTs); P6: starts timed per database kind.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>P5: locations stored in the receiving platform.</summary>
    public int MemoryLocations { get; init; } = 1_000_000;

    /// <summary>P5: EVSE status PATCHes received after the locations.</summary>
    public int MemoryPatches { get; init; } = 1_000_000;

    /// <summary>P5: the PATCH load stops after this many seconds even if fewer PATCHes were sent (0: no limit).</summary>
    public double MemoryLoadSeconds { get; init; }

    /// <summary>P5: seconds of sampling after the load ends, to see memory stay flat.</summary>
    public double SettleSeconds { get; init; } = 10;

    /// <summary>Where the platforms' SQLite files go; a tmpfs here (/dev/shm) takes fsync out of P1.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "platform-bench");

    /// <summary>The platforms' Serilog minimum level; Information is what appsettings.json ships.</summary>
    public string LogLevel { get; init; } = "Information";

    public bool KeepData { get; init; }

    /// <summary>--alloc: P1 and P4 (closed loop) print the types allocated during each target's window (<see cref="AllocationSampler"/>).</summary>
    public bool Allocations { get; init; }

    /// <summary>
    /// P5/P6: a folder holding Platform.Api.dll as deployed (a <c>dotnet publish</c> output, e.g. ReadyToRun); empty:
    /// the copy built beside this benchmark.
    /// </summary>
    public string ApiDirectory { get; init; } = "";

    /// <summary>on (what ships: metrics collected, spans only carry the trace on), off (OpenTelemetry:Enabled=false), or traces (every span recorded).</summary>
    public string Telemetry { get; init; } = "on";

    /// <summary>What the run was scaled to, for the rows' notes.</summary>
    public string Mode => Smoke ? "smoke" : Quick ? "quick" : "full";

    public static readonly string[] Benchmarks = ["p1", "p2", "p3", "p4", "p5", "p6"];

    public const string Usage = """
        usage: dotnet run -c Release --project tests/Platform.Benchmarks -- [all|p1|p2|p3|p4|p5|p6 ...] [options]
          --quick            all of them scaled down to finish in under 3 minutes (rows say what was scaled)
          --smoke            a few seconds of each: proves the harness runs (CI); no target judged
          --workers N        P1/P4 concurrent HTTP workers (32)
          --warmup S         P1/P4 warm-up seconds per target (2)
          --duration S       P1/P4 measured seconds per target (10)
          --evses N          P1 EVSEs in the patched location (50)
          --spread N         P1 adds a diagnostic: the same PATCHes spread over N locations (none)
          --locations N      P2 locations seeded in all (1000000)
          --tenants N        P2 hosted CPOs sharing them (10)
          --reps N           P2 timed GETs per page (20)
          --peers N          P3 peers the change is pushed to (50)
          --rounds N         P3 changes timed, P6 starts timed per kind (5)
          --rate N           P4 requests per second of the fixed-rate run (500)
          --mem-locations N  P5 locations stored (1000000)
          --mem-patches N    P5 EVSE PATCHes received (1000000)
          --mem-seconds S    P5 stop the PATCH load after S seconds (0: none)
          --settle S         P5 seconds sampled after the load (10)
          --data-dir DIR     where the SQLite files go (temp folder)
          --log-level LEVEL  platforms' Serilog minimum level (Information)
          --keep             keep the SQLite files after the run
          --alloc            P1 and P4's closed loop print the types allocated during each target's window
          --api-dir DIR      P5/P6 start DIR/Platform.Api.dll (a publish output) instead of the built copy
          --telemetry MODE   on (as shipped), off (no OpenTelemetry), traces (every span recorded) (on)
        """;

    // Scaled so that `all --quick` ends in under 3 minutes on 2 shared cores (the build not counted).
    private static BenchOptions QuickPreset(BenchOptions o) => o with
    {
        Quick = true, WarmupSeconds = 1, DurationSeconds = 3, Locations = 50_000, Repetitions = 10, Rounds = 2,
        MemoryLocations = 20_000, MemoryPatches = 20_000, MemoryLoadSeconds = 15, SettleSeconds = 3,
    };

    private static BenchOptions SmokePreset(BenchOptions o) => o with
    {
        Smoke = true, WarmupSeconds = 0.2, DurationSeconds = 0.5, Locations = 2_000, Repetitions = 2, Peers = 3, Rounds = 1,
        MemoryLocations = 1_000, MemoryPatches = 200, MemoryLoadSeconds = 3, SettleSeconds = 0.5, Rate = 100,
    };

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        // Presets first, so explicit options given with them still win.
        if (args.Contains("--quick")) options = QuickPreset(options);
        if (args.Contains("--smoke")) options = SmokePreset(options);
        var which = new HashSet<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            double NextDouble() => double.Parse(Next(), CultureInfo.InvariantCulture);
            var arg = args[i];
            if (arg == "all")
            {
                which.UnionWith(Benchmarks);
                continue;
            }
            if (Benchmarks.Contains(arg))
            {
                which.Add(arg);
                continue;
            }
            options = arg switch
            {
                "--quick" or "--smoke" => options,
                "--workers" => options with { Workers = NextInt() },
                "--warmup" => options with { WarmupSeconds = NextDouble() },
                "--duration" => options with { DurationSeconds = NextDouble() },
                "--evses" => options with { Evses = NextInt() },
                "--locations" => options with { Locations = NextInt() },
                "--spread" => options with { Spread = NextInt() },
                "--tenants" => options with { Tenants = NextInt() },
                "--reps" => options with { Repetitions = NextInt() },
                "--peers" => options with { Peers = NextInt() },
                "--rounds" => options with { Rounds = NextInt() },
                "--mem-locations" => options with { MemoryLocations = NextInt() },
                "--mem-patches" => options with { MemoryPatches = NextInt() },
                "--mem-seconds" => options with { MemoryLoadSeconds = NextDouble() },
                "--settle" => options with { SettleSeconds = NextDouble() },
                "--data-dir" => options with { DataDirectory = Path.GetFullPath(Next()) },
                "--log-level" => options with { LogLevel = Next() },
                "--keep" => options with { KeepData = true },
                "--alloc" => options with { Allocations = true },
                "--only" => options with { Only = Next() },
                "--api-dir" => options with { ApiDirectory = Path.GetFullPath(Next()) },
                "--rate" => options with { Rate = NextInt() },
                "--telemetry" => options with { Telemetry = Next() is var mode and ("on" or "off" or "traces") ? mode : throw new ArgumentException("--telemetry is on, off or traces") },
                _ => throw new ArgumentException($"Unknown argument '{arg}'"),
            };
        }
        // P2 times the last page against the first, reached by the Link of the page before it: two pages at least.
        if (options.Locations / options.Tenants < 2 * OcpiPageSize)
            throw new ArgumentException($"--locations must give each of the {options.Tenants} tenants at least {2 * OcpiPageSize} locations");
        if (which.Count == 0) which.UnionWith(Benchmarks);
        return options with { Run = which };
    }

    /// <summary>The Sender's largest page (OcpiPage.MaxPageSize); P2 asks for pages of this size.</summary>
    public const int OcpiPageSize = 100;
}
