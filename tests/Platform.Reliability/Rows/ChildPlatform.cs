using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.Reliability.Rows;

/// <summary>
/// The built Platform.Api run as a child process (as the README runs it: environment settings, SQLite file), so that it
/// can be killed with SIGKILL and started again on the same port and database. Its console goes to a log file.
/// </summary>
public sealed class ChildPlatform : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private Process? _process;

    public ChildPlatform(string name, string databaseFile, IReadOnlyDictionary<string, string>? settings = null)
    {
        Name = name;
        DatabaseFile = databaseFile;
        Port = FreePort();
        Url = $"http://127.0.0.1:{Port}";
        LogFile = Path.ChangeExtension(databaseFile, null) + $"-{name}.log";
        _settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        Admin = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", PlatformFactory.AdminKey);
    }

    public string Name { get; }
    public string Url { get; }
    public int Port { get; }
    public string DatabaseFile { get; }
    public string LogFile { get; }

    /// <summary>The lines of its log at Warning and above, read while it may still be writing.</summary>
    public IEnumerable<string> Warnings
    {
        get
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line)
                if (line.Contains(" WRN]", StringComparison.Ordinal) || line.Contains(" ERR]", StringComparison.Ordinal) || line.Contains(" FTL]", StringComparison.Ordinal))
                    lines.Add($"{Name}: {line}");
            return lines;
        }
    }
    public HttpClient Admin { get; }
    public string VersionsUrl => Url + "/ocpi/versions";

    /// <summary>Starts the process and waits for /health/ready.</summary>
    public async Task StartAsync(int seconds = 90)
    {
        var dll = ApiDll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { dll, "--urls", Url, "--contentRoot", Path.GetDirectoryName(dll)! }) info.ArgumentList.Add(a);
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Platform__PublicUrl"] = Url,
            ["Admin__ApiKey"] = PlatformFactory.AdminKey,
            ["Database__Provider"] = "Sqlite",
            ["ConnectionStrings__Platform"] = $"Data Source={DatabaseFile}",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (k, v) in _settings) env[k.Replace(":", "__", StringComparison.Ordinal)] = v;
        foreach (var (k, v) in env) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (log) log.Dispose(); };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Name} exited with {process.ExitCode}; see {LogFile}");
            try
            {
                if ((await probe.GetAsync(Url + "/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name} was not ready within {seconds} s; see {LogFile}");
    }

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(20_000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>The API's build output of the configuration this suite was built in.</summary>
    public static string ApiDll()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(Platform.TestSupport.RepositoryRoot.Path, "src", "Platform.Api", "bin", configuration, "net10.0", "Platform.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build src/Platform.Api first", dll);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Admin.Dispose();
        return ValueTask.CompletedTask;
    }
}
