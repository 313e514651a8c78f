using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Platform.Benchmarks;

/// <summary>
/// Platform.Api as an operator deploys it: <c>dotnet publish -c Release -r &lt;rid&gt;</c>, which compiles it
/// ReadyToRun (<c>PublishReadyToRun</c> in its project; docs/operations.md). Published from the source tree this
/// benchmark runs in, into a folder beside this benchmark's dll; a publish with nothing changed takes seconds.
/// </summary>
public static class PublishedPlatform
{
    public static async Task<string> PublishAsync()
    {
        var project = FindProject();
        var output = Path.Combine(AppContext.BaseDirectory, "platform-published");
        var publish = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-o", output, "-v", "q", "-nologo" })
            publish.ArgumentList.Add(arg);
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(publish) ?? throw new InvalidOperationException("dotnet publish did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish of {project} failed ({process.ExitCode}): {await stdout}{await stderr}");
        Console.WriteLine($"P6: published Platform.Api ReadyToRun for {RuntimeInformation.RuntimeIdentifier} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
        return output;
    }

    /// <summary>src/Platform.Api/Platform.Api.csproj of the checkout this benchmark was built in.</summary>
    private static string FindProject()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var project = Path.Combine(folder.FullName, "src", "Platform.Api", "Platform.Api.csproj");
            if (File.Exists(project)) return project;
        }
        throw new InvalidOperationException("No src/Platform.Api above this benchmark to publish: pass --api-dir with a publish output");
    }
}
