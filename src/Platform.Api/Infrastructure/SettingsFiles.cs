using Microsoft.Extensions.FileProviders;

namespace Platform.Api.Infrastructure;

/// <summary>
/// The settings files (appsettings*.json) still reload when changed, but are polled for it rather than watched.
/// </summary>
/// <remarks>
/// .NET watches a settings file through a watcher of its provider's whole root, subdirectories included, and the default
/// database (<c>data/platform.db</c>) lies under the content root: every write of the database and its WAL woke the
/// watcher's thread, which looked the path up only to discard it: about 5 % of a receiver PATCH's CPU samples (benchmark
/// P1), whose CPU per request fell by 4–13 % without it. Polling looks at the few files watched, every 4 seconds,
/// whatever else is written.
/// </remarks>
internal static class SettingsFiles
{
    public static void PollForChanges(WebApplicationBuilder builder)
    {
        var watching = builder.Environment.ContentRootFileProvider;
        var polling = new PhysicalFileProvider(builder.Environment.ContentRootPath) { UsePollingFileWatcher = true, UseActivePolling = true };
        // The host disposes the content root's provider when it ends, and with it the polling timer.
        builder.Environment.ContentRootFileProvider = polling;
        builder.Configuration.SetFileProvider(polling);
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not FileConfigurationSource { FileProvider: PhysicalFileProvider { Root: var root } } file
                || !string.Equals(root, polling.Root, StringComparison.Ordinal))
                continue;
            file.FileProvider = polling;
            // Setting the entry builds that source's provider again, on the polling files.
            sources[i] = file;
        }
        // Its watcher, if a source already started it, would go on waking for every write under the root.
        (watching as IDisposable)?.Dispose();
    }
}
