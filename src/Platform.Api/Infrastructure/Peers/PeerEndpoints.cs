using Platform.Api.Modules.Credentials;
using Platform.Ocpi.Model.Versions;

namespace Platform.Api.Infrastructure.Peers;

/// <summary>
/// The one place that reads which endpoints a peer registered on a connection (its version details, stored at
/// registration) and builds URLs below them. Path segments are escaped here, so an id with a '/' or '?' can never
/// address another object.
/// </summary>
public static class PeerEndpoints
{
    public static IReadOnlyList<Platform.Ocpi.Model.Versions.Endpoint> All(Connection connection) => PeerVersion.Parse(connection.Endpoints);

    /// <summary>The URL of the peer's interface for a module; <paramref name="role"/> null takes any role (credentials).</summary>
    public static string? Find(Connection connection, string module, InterfaceRole? role) =>
        All(connection).FirstOrDefault(e => e.Identifier == module && (role is null || e.Role == role))?.Url;

    /// <summary>The module whose registered endpoint <paramref name="url"/> lies below (for metrics); "other" when none.</summary>
    public static string ModuleOf(Connection connection, string url) =>
        All(connection).Where(e => e.Url is { } below && url.StartsWith(below, StringComparison.Ordinal)).MaxBy(e => e.Url!.Length)?.Identifier ?? "other";

    public static bool Lists(Connection connection, string module, InterfaceRole role) => Find(connection, module, role) is not null;

    /// <summary><paramref name="baseUrl"/> followed by each segment, escaped (2.2.1 transport: ids are path segments).</summary>
    public static string Below(string baseUrl, params IEnumerable<string> segments) =>
        baseUrl.TrimEnd('/') + string.Concat(segments.Select(s => "/" + Uri.EscapeDataString(s)));
}
