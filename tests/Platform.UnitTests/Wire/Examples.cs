using System.Text.Json.Nodes;

namespace Platform.UnitTests.Wire;

/// <summary>The OCPI example files, read from the test output folder (copied there by the csproj; see Examples/NOTICE.md).</summary>
internal static class Examples
{
    public const string BugfixesFolder = "2.2.1";
    public const string TagFolder = "2.2.1-tag";

    public static string Folder(string folder) => Path.Combine(AppContext.BaseDirectory, "Examples", folder);

    public static string Text(string file, string folder = BugfixesFolder) => File.ReadAllText(Path.Combine(Folder(folder), file));

    public static JsonNode Node(string file, string folder = BugfixesFolder) => JsonNode.Parse(Text(file, folder))!;

    public static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Folder(folder), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
