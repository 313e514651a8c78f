namespace Platform.TestSupport;

/// <summary>
/// The clone's root (the folder of <c>Platform.sln</c>), found by walking up from the test's output folder: for tests
/// that read the project's own files or run what it built. Never a folder outside the clone.
/// </summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Platform.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Path => Found.Value;
}
