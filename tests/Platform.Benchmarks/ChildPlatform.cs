using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Platform.Api;

namespace Platform.Benchmarks;

/// <summary>
/// The built Platform.Api dll started as its own process (<c>dotnet Platform.Api.dll</c>), as an operator starts it:
/// for cold start (P6) and for memory (P5), which only mean something for a process of its own.
/// </summary>
public sealed class ChildPlatform : IBenchHost, IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private ChildPlatform(Process process, string url, string folder)
    {
        _process = process;
        Url = url;
        Folder = folder;
        Admin = new HttpClient { BaseAddress = new Uri(url) };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", BenchPlatform.AdminKey);
    }

    public string Url { get; }
    public string Folder { get; }
    public string DatabaseFile => Path.Combine(Folder, "platform.db");
    public HttpClient Admin { get; }
    public int ProcessId => _process.Id;

    /// <summary>
    /// Platform.Api.dll from <c>--api-dir</c> (a publish output), or as built beside this benchmark (the project
    /// reference copies it, with its runtimeconfig).
    /// </summary>
    public static string ApiDll(BenchOptions options) => options.ApiDirectory.Length > 0
        ? Path.Combine(options.ApiDirectory, Path.GetFileName(typeof(PlatformApp).Assembly.Location))
        : typeof(PlatformApp).Assembly.Location;

    /// <summary>Starts the dll on <paramref name="folder"/>'s database; returns once it exists, with the time from the process start to /health/ready answering 200.</summary>
    public static Task<(ChildPlatform Platform, TimeSpan Ready)> StartAsync(string folder, BenchOptions options, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(folder);
        var url = $"http://127.0.0.1:{FreePort()}";
        var dll = ApiDll(options);
        return StartProcessAsync(folder, url, timeout,
        [
            "exec", dll, "--urls", url, "--environment", "Production", "--contentRoot", Path.GetDirectoryName(dll)!,
            "--Database:Provider", "Sqlite", "--ConnectionStrings:Platform", $"Data Source={Path.Combine(folder, "platform.db")}",
            "--Admin:ApiKey", BenchPlatform.AdminKey, "--Peers:AllowPrivateNetworks", "true",
            "--Serilog:MinimumLevel:Default", options.LogLevel,
            "--Serilog:WriteTo:0:Args:restrictedToMinimumLevel", "Warning",
            "--OpenTelemetry:Enabled", options.Telemetry == "off" ? "false" : "true",
        ]);
    }

    /// <summary>
    /// The P6 baseline: this benchmark's own dll as a minimal ASP.NET Core app answering /health/ready (<see cref="BareHost"/>),
    /// started the same way, so the row shows what a process start costs on the machine at that moment.
    /// </summary>
    public static Task<(ChildPlatform Platform, TimeSpan Ready)> StartBareAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        var url = $"http://127.0.0.1:{FreePort()}";
        return StartProcessAsync(folder, url, null, ["exec", typeof(ChildPlatform).Assembly.Location, BareHost.Command, url]);
    }

    private static async Task<(ChildPlatform Platform, TimeSpan Ready)> StartProcessAsync(string folder, string url, TimeSpan? timeout, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = folder,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new ChildPlatform(process, url, folder);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = started + (long)((timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds * Stopwatch.Frequency);
        try
        {
            return await WaitReadyAsync(child, probe, started, until);
        }
        catch
        {
            // Never leave a platform running behind a failed benchmark.
            await child.DisposeAsync();
            throw;
        }
    }

    private static async Task<(ChildPlatform Platform, TimeSpan Ready)> WaitReadyAsync(ChildPlatform child, HttpClient probe, long started, long until)
    {
        var (process, url) = (child._process, child.Url);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Platform.Api exited with {process.ExitCode} before ready: {child.LastLines()}");
            try
            {
                using var ready = await probe.GetAsync($"{url}/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK) return (child, Stopwatch.GetElapsedTime(started));
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }
            if (Stopwatch.GetTimestamp() > until)
                throw new TimeoutException($"Platform.Api not ready in time: {child.LastLines()}");
            await Task.Delay(5);
        }
    }

    /// <summary>Resident set size of the process, from /proc (Linux), or the runtime's figure elsewhere.</summary>
    public long ResidentBytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        _process.Refresh();
        return _process.WorkingSet64;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 20) _lastLines.Dequeue();
        }
    }

    private string LastLines()
    {
        lock (_lastLines) return string.Join(Environment.NewLine, _lastLines);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);

    /// <summary>Stops the process as a service manager would (SIGTERM, then a kill if it lingers).</summary>
    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsLinux()) kill(_process.Id, 15);
            else _process.Kill();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        _process.Dispose();
    }
}
